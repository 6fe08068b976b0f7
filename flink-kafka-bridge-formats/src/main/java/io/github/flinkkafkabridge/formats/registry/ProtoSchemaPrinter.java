package io.github.flinkkafkabridge.formats.registry;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a {@code .proto} file from its descriptor, for registering generated messages without
 * their source: syntax, package, imports, the {@code java_*} options, messages (nested), enums,
 * maps and oneofs. Custom options, extensions, services and comments are not printed. Stateless.
 */
final class ProtoSchemaPrinter {

    private ProtoSchemaPrinter() {}

    static String print(Descriptors.FileDescriptor file) {
        StringBuilder out = new StringBuilder();
        DescriptorProtos.FileDescriptorProto proto = file.toProto();
        boolean proto3 = "proto3".equals(proto.getSyntax());
        out.append("syntax = \"").append(proto3 ? "proto3" : "proto2").append("\";\n");
        if (!file.getPackage().isEmpty()) {
            out.append("package ").append(file.getPackage()).append(";\n");
        }
        for (Descriptors.FileDescriptor dependency : file.getDependencies()) {
            out.append("import \"").append(dependency.getName()).append("\";\n");
        }
        DescriptorProtos.FileOptions options = proto.getOptions();
        if (options.hasJavaPackage()) {
            out.append("option java_package = \"").append(options.getJavaPackage()).append("\";\n");
        }
        if (options.hasJavaOuterClassname()) {
            out.append("option java_outer_classname = \"")
                    .append(options.getJavaOuterClassname())
                    .append("\";\n");
        }
        if (options.hasJavaMultipleFiles()) {
            out.append("option java_multiple_files = ")
                    .append(options.getJavaMultipleFiles())
                    .append(";\n");
        }
        for (Descriptors.Descriptor message : file.getMessageTypes()) {
            printMessage(out, message, proto3, "");
        }
        for (Descriptors.EnumDescriptor e : file.getEnumTypes()) {
            printEnum(out, e, "");
        }
        return out.toString();
    }

    private static void printMessage(
            StringBuilder out, Descriptors.Descriptor message, boolean proto3, String indent) {
        out.append('\n').append(indent).append("message ").append(message.getName()).append(" {\n");
        String inner = indent + "  ";
        List<Descriptors.OneofDescriptor> printedOneofs = new ArrayList<>();
        for (Descriptors.FieldDescriptor field : message.getFields()) {
            Descriptors.OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof != null) {
                if (!printedOneofs.contains(oneof)) {
                    printedOneofs.add(oneof);
                    out.append(inner).append("oneof ").append(oneof.getName()).append(" {\n");
                    for (Descriptors.FieldDescriptor member : oneof.getFields()) {
                        out.append(inner).append("  ");
                        printField(out, member, proto3, true);
                    }
                    out.append(inner).append("}\n");
                }
                continue;
            }
            out.append(inner);
            printField(out, field, proto3, false);
        }
        for (Descriptors.Descriptor nested : message.getNestedTypes()) {
            if (!nested.getOptions().getMapEntry()) {
                printMessage(out, nested, proto3, inner);
            }
        }
        for (Descriptors.EnumDescriptor e : message.getEnumTypes()) {
            printEnum(out, e, inner);
        }
        out.append(indent).append("}\n");
    }

    private static void printField(
            StringBuilder out, Descriptors.FieldDescriptor field, boolean proto3, boolean inOneof) {
        if (field.isMapField()) {
            Descriptors.Descriptor entry = field.getMessageType();
            out.append("map<")
                    .append(typeName(entry.findFieldByNumber(1)))
                    .append(", ")
                    .append(typeName(entry.findFieldByNumber(2)))
                    .append("> ");
        } else {
            if (field.isRepeated()) {
                out.append("repeated ");
            } else if (field.isRequired()) {
                out.append("required ");
            } else if (!inOneof
                    && (!proto3
                            || field.hasPresence()
                                    && !field.isMapField()
                                    && field.getJavaType()
                                            != Descriptors.FieldDescriptor.JavaType.MESSAGE)) {
                out.append("optional ");
            }
            out.append(typeName(field)).append(' ');
        }
        out.append(field.getName()).append(" = ").append(field.getNumber()).append(";\n");
    }

    private static String typeName(Descriptors.FieldDescriptor field) {
        switch (field.getType()) {
            case MESSAGE:
            case GROUP:
                return "." + field.getMessageType().getFullName();
            case ENUM:
                return "." + field.getEnumType().getFullName();
            default:
                return field.getType().name().toLowerCase(Locale.ROOT);
        }
    }

    private static void printEnum(StringBuilder out, Descriptors.EnumDescriptor e, String indent) {
        out.append('\n').append(indent).append("enum ").append(e.getName()).append(" {\n");
        for (Descriptors.EnumValueDescriptor value : e.getValues()) {
            out.append(indent)
                    .append("  ")
                    .append(value.getName())
                    .append(" = ")
                    .append(value.getNumber())
                    .append(";\n");
        }
        out.append(indent).append("}\n");
    }

    /**
     * Where {@code message} sits in its file: top-level index, then nested indexes. Map entry types
     * do not count: they are not messages of the {@code .proto} text, which is what other clients
     * compute indexes from.
     */
    static int[] messageIndexes(Descriptors.Descriptor message) {
        List<Integer> path = new ArrayList<>();
        for (Descriptors.Descriptor d = message; d != null; d = d.getContainingType()) {
            List<Descriptors.Descriptor> siblings =
                    d.getContainingType() == null
                            ? d.getFile().getMessageTypes()
                            : d.getContainingType().getNestedTypes();
            int index = 0;
            for (Descriptors.Descriptor sibling : siblings) {
                if (sibling == d) {
                    break;
                }
                if (!sibling.getOptions().getMapEntry()) {
                    index++;
                }
            }
            path.add(0, index);
        }
        return path.stream().mapToInt(Integer::intValue).toArray();
    }
}
