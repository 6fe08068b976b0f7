package io.github.flinkkafkabridge.formats.avro;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.reflect.ReflectDatumReader;
import org.apache.avro.specific.SpecificData;

/**
 * The classes behind the named types of a reader schema that the user chose by passing a class to
 * {@link AvroFormat}. Avro 1.12 refuses to load any class not on its global trust list; a library
 * must not change that list, so the format's {@link SpecificData} and {@link ReflectData} resolve
 * these classes themselves and leave every other name to Avro's check. Built once per format
 * instance, on the thread that first reads or writes.
 */
final class TrustedClasses {

    /** Key prefix of classes named by a {@code java-class} property rather than a schema name. */
    private static final String JAVA_CLASS = "java-class:";

    private static final String[] JAVA_CLASS_PROPS = {
        SpecificData.CLASS_PROP, SpecificData.KEY_CLASS_PROP, SpecificData.ELEMENT_PROP
    };

    private TrustedClasses() {}

    /** The trusted class for {@code schema}, or null to let Avro resolve it. */
    static Class<?> lookup(Map<String, Class<?>> trusted, Schema schema) {
        String javaClass = schema.getProp(SpecificData.CLASS_PROP);
        if (javaClass != null) {
            return trusted.get(JAVA_CLASS + javaClass);
        }
        switch (schema.getType()) {
            case RECORD:
            case ENUM:
            case FIXED:
                return trusted.get(schema.getFullName());
            default:
                return null;
        }
    }

    static Map<String, Class<?>> of(Class<?> type, Schema readerSchema) {
        Map<String, Class<?>> classes = new HashMap<>();
        collect(readerSchema, type.getClassLoader(), classes, new HashSet<>());
        classes.put(readerSchema.getFullName(), type);
        return classes;
    }

    private static void collect(
            Schema schema, ClassLoader loader, Map<String, Class<?>> classes, Set<String> seen) {
        for (String prop : JAVA_CLASS_PROPS) {
            String name = schema.getProp(prop);
            if (name != null) {
                try {
                    classes.put(JAVA_CLASS + name, Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    // Left to Avro.
                }
            }
        }
        switch (schema.getType()) {
            case RECORD:
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                resolve(schema, loader, classes);
                for (Schema.Field field : schema.getFields()) {
                    collect(field.schema(), loader, classes, seen);
                }
                break;
            case ENUM:
            case FIXED:
                resolve(schema, loader, classes);
                break;
            case ARRAY:
                collect(schema.getElementType(), loader, classes, seen);
                break;
            case MAP:
                collect(schema.getValueType(), loader, classes, seen);
                break;
            case UNION:
                for (Schema branch : schema.getTypes()) {
                    collect(branch, loader, classes, seen);
                }
                break;
            default:
        }
    }

    private static void resolve(Schema schema, ClassLoader loader, Map<String, Class<?>> classes) {
        try {
            classes.put(
                    schema.getFullName(),
                    Class.forName(SpecificData.getClassName(schema), false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            // Not a class of the user's: Avro resolves (and checks) it as usual.
        }
    }

    /** {@link SpecificData} resolving the trusted classes first. */
    static final class Specific extends SpecificData {
        private final Map<String, Class<?>> trusted;

        Specific(ClassLoader loader, Map<String, Class<?>> trusted) {
            super(loader);
            this.trusted = trusted;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class getClass(Schema schema) {
            Class<?> c = lookup(trusted, schema);
            return c != null ? c : super.getClass(schema);
        }
    }

    /** {@link ReflectData} resolving the trusted classes first. */
    static final class Reflect extends ReflectData {
        private final Map<String, Class<?>> trusted;

        Reflect(ClassLoader loader, Map<String, Class<?>> trusted) {
            super(loader);
            this.trusted = trusted;
        }

        Map<String, Class<?>> trusted() {
            return trusted;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class getClass(Schema schema) {
            Class<?> c = lookup(trusted, schema);
            return c != null ? c : super.getClass(schema);
        }
    }

    /**
     * {@link ReflectDatumReader} creating the trusted collection classes itself: Avro looks their
     * {@code java-class} up without going through the model.
     */
    static final class ReflectReader<T> extends ReflectDatumReader<T> {
        private final Map<String, Class<?>> trusted;

        ReflectReader(Schema writer, Schema reader, Reflect data, Map<String, Class<?>> trusted) {
            super(writer, reader, data);
            this.trusted = trusted;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected Object newArray(Object old, int size, Schema schema) {
            String javaClass = schema.getProp(SpecificData.CLASS_PROP);
            Class<?> c = javaClass == null ? null : trusted.get(JAVA_CLASS + javaClass);
            if (c == null || !Collection.class.isAssignableFrom(c)) {
                return super.newArray(old, size, schema);
            }
            if (c.isInstance(old)) {
                ((Collection) old).clear();
                return old;
            }
            if (c.isAssignableFrom(ArrayList.class)) {
                return new ArrayList<>(size);
            }
            if (c.isAssignableFrom(LinkedHashSet.class)) {
                return new LinkedHashSet<>(size);
            }
            try {
                return c.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new AvroRuntimeException("Cannot create " + c.getName() + ": " + e, e);
            }
        }
    }
}
