package io.github.flinkkafkabridge.examples;

import io.github.flinkkafkabridge.examples.SnippetRegions.Region;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Finds the code blocks in the javadoc comments of a Java source and checks each against the region
 * of a compiled example it is marked with. The rule is documented on {@link JavadocSnippetsTest}.
 */
final class JavadocCodeBlocks {

    /** How a code block opens; the code ends at the brace that matches the tag's. */
    static final String OPEN = "<pre>{@code";

    /** What follows that brace. */
    static final String CLOSE = "</pre>";

    /** The marker naming the region a block is taken from, written just before the block. */
    static final Pattern MARKER = Pattern.compile("<!-- snippet: ([\\w-]+) -->");

    private static final Pattern PRE = Pattern.compile("<pre[\\s>]", Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKER_BEFORE_BLOCK =
            Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*\\z");

    private JavadocCodeBlocks() {}

    /**
     * A code block of a javadoc comment.
     *
     * @param line the source line of its {@code <pre>}
     * @param name the region named by its marker, or null when it has none
     * @param text the code, the comment's line prefix removed; null when the block is malformed
     * @param problem why the block is malformed, or null
     */
    record CodeBlock(
            int line, @Nullable String name, @Nullable String text, @Nullable String problem) {}

    /**
     * Every problem of the javadoc code blocks of one source: blocks without a marker, markers
     * without a region or without a block, blocks not in the {@link #OPEN} ... {@link #CLOSE} form,
     * and blocks that differ from their region (with a diff).
     *
     * @param file names the source in the messages
     */
    static List<String> check(Path file, String source, SnippetRegions regions) {
        String at = SnippetRegions.ROOT.relativize(file.toAbsolutePath()).toString();
        List<String> problems = new ArrayList<>();
        for (Javadoc javadoc : javadocs(source)) {
            for (int line : javadoc.danglingMarkers()) {
                problems.add(
                        at
                                + ":"
                                + line
                                + ": a snippet marker not directly followed by "
                                + OPEN
                                + " ... }"
                                + CLOSE);
            }
            for (CodeBlock block : javadoc.codeBlocks()) {
                String blockAt = at + ":" + block.line();
                if (block.problem() != null) {
                    problems.add(blockAt + ": " + block.problem());
                } else if (block.name() == null) {
                    problems.add(
                            blockAt
                                    + ": a javadoc code block without a <!-- snippet: NAME -->"
                                    + " marker; take the code from a // [START NAME] region of a"
                                    + " compiled example in flink-kafka-bridge-examples:\n"
                                    + block.text());
                } else {
                    Region region = regions.get(block.name());
                    if (region == null) {
                        problems.add(
                                blockAt
                                        + ": snippet '"
                                        + block.name()
                                        + "' has no // [START "
                                        + block.name()
                                        + "] region in flink-kafka-bridge-examples");
                    } else {
                        SnippetComparison.mismatch(blockAt, block.name(), block.text(), region)
                                .map(message -> message + hint(block.text(), region.text()))
                                .ifPresent(problems::add);
                    }
                }
            }
        }
        return problems;
    }

    /** The code blocks of every javadoc comment of {@code source}, in order. */
    static List<CodeBlock> codeBlocks(String source) {
        List<CodeBlock> blocks = new ArrayList<>();
        for (Javadoc javadoc : javadocs(source)) {
            blocks.addAll(javadoc.codeBlocks());
        }
        return blocks;
    }

    /** Why a region cannot be shown in a code block as it is, for a mismatch message. */
    private static String hint(String shown, String region) {
        StringBuilder hint = new StringBuilder();
        if (!bracesBalance(region)) {
            hint.append("\nThe region's braces do not balance, which {@code} cannot show.");
        }
        if (region.contains("*/")) {
            hint.append("\nThe region contains */, which ends a javadoc comment.");
        }
        if (shown.contains("{@literal") || shown.contains("&#") || shown.contains("&lt;")) {
            hint.append(
                    "\nInside {@code} javadoc shows escapes and tags as they are: write @, < and &"
                            + " unescaped.");
        }
        return hint.toString();
    }

    private static boolean bracesBalance(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /**
     * One javadoc comment: its text with the line prefix ({@code *} and one space) removed, and the
     * source line of its first line.
     */
    private record Javadoc(String text, int firstLine) {

        List<CodeBlock> codeBlocks() {
            List<CodeBlock> blocks = new ArrayList<>();
            Matcher pre = PRE.matcher(text);
            int from = 0;
            while (from < text.length() && pre.find(from)) {
                int start = pre.start();
                int line = lineAt(start);
                Matcher marker = MARKER_BEFORE_BLOCK.matcher(text.substring(0, start));
                String name = marker.find() ? marker.group(1) : null;
                if (!text.startsWith(OPEN, start)) {
                    blocks.add(
                            new CodeBlock(
                                    line,
                                    name,
                                    null,
                                    "a <pre> block not written as "
                                            + OPEN
                                            + " ... }"
                                            + CLOSE
                                            + ", the only form checked against the examples"));
                    from = pre.end();
                    continue;
                }
                int codeStart = start + OPEN.length();
                int close = matchingBrace(codeStart);
                if (close < 0 || !text.startsWith(CLOSE, close + 1)) {
                    blocks.add(
                            new CodeBlock(
                                    line,
                                    name,
                                    null,
                                    "a "
                                            + OPEN
                                            + " block whose braces do not balance before "
                                            + CLOSE));
                    from = codeStart;
                    continue;
                }
                blocks.add(new CodeBlock(line, name, code(text.substring(codeStart, close)), null));
                from = close + 1 + CLOSE.length();
            }
            return blocks;
        }

        /** The lines of the markers that are not followed by a {@code <pre>}. */
        List<Integer> danglingMarkers() {
            List<Integer> lines = new ArrayList<>();
            Matcher marker = MARKER.matcher(text);
            while (marker.find()) {
                String after = text.substring(marker.end()).stripLeading();
                if (!after.toLowerCase(Locale.ROOT).startsWith("<pre")) {
                    lines.add(lineAt(marker.start()));
                }
            }
            return lines;
        }

        /** The offset of the brace closing the code tag whose content starts at {@code from}. */
        private int matchingBrace(int from) {
            int depth = 0;
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
            }
            return -1;
        }

        private int lineAt(int offset) {
            return firstLine + SnippetRegions.lineOf(text, offset) - 1;
        }

        /**
         * The code of a block: its lines without leading and trailing blank ones. Code on the line
         * of the tag loses the one space that separates it from the tag.
         */
        private static String code(String content) {
            List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
            String first = lines.get(0);
            if (first.startsWith(" ") || first.startsWith("\t")) {
                lines.set(0, first.substring(1));
            }
            return SnippetRegions.trimBlankLines(lines);
        }
    }

    /** The javadoc comments of a Java source, skipping literals and other comments. */
    private static List<Javadoc> javadocs(String source) {
        List<Javadoc> javadocs = new ArrayList<>();
        int n = source.length();
        int i = 0;
        while (i < n) {
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end;
                if (source.startsWith("/**", i) && i + 3 <= end) {
                    javadocs.add(
                            new Javadoc(
                                    withoutLinePrefix(source.substring(i + 3, end)),
                                    SnippetRegions.lineOf(source, i)));
                }
                i = Math.min(n, end + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                i = skipLiteral(source, i + 3, "\"\"\"");
            } else if (source.charAt(i) == '"') {
                i = skipLiteral(source, i + 1, "\"");
            } else if (source.charAt(i) == '\'') {
                i = skipLiteral(source, i + 1, "'");
            } else {
                i++;
            }
        }
        return javadocs;
    }

    /** The offset after the literal's closing {@code quote}, skipping escaped characters. */
    private static int skipLiteral(String source, int from, String quote) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return source.length();
    }

    /**
     * The comment body with what javadoc strips from every line removed: the leading white space,
     * one {@code *} and the one space after it. The lines stay one to one with the source.
     */
    static String withoutLinePrefix(String body) {
        String[] lines = body.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) {
                out.append('\n');
                line = line.stripLeading();
                if (line.startsWith("*")) {
                    line = line.substring(1);
                    if (line.startsWith(" ")) {
                        line = line.substring(1);
                    }
                }
            }
            out.append(line);
        }
        return out.toString();
    }
}
