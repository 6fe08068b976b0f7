package io.github.flinkkafkabridge.examples;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.github.flinkkafkabridge.examples.JavadocCodeBlocks.CodeBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code example in the javadoc of the library modules is taken from a compiled example of this
 * module, as the README's snippets are ({@link ReadmeSnippetsTest}). The library modules are every
 * {@code flink-kafka-bridge-*} module with main sources except this one and the benchmarks; their
 * {@code src/main/java} is scanned, {@code package-info.java} included.
 *
 * <p>The rule:
 *
 * <ul>
 *   <li>A code example is written {@code <pre>}, the code tag, the code, the tag's closing brace,
 *       {@code </pre>}, and is preceded (with only white space between) by the marker {@code <!--
 *       snippet: NAME -->}: an HTML comment, which doclint accepts and the rendered page does not
 *       show. Every {@code <pre>} in a javadoc comment is an example and needs the marker.
 *   <li>The code must equal the region between {@code // [START NAME]} and {@code // [END NAME]} in
 *       a source (main or test) of this module ({@link SnippetRegions}); region names are unique.
 *       Several places may show the same region (the README too).
 *   <li>Normalized on the javadoc side: only what javadoc itself strips from each comment line (the
 *       leading white space, one {@code *} and the one space after it), and the blank lines at the
 *       start and end of the block. On the region side: the indentation all its lines share (the
 *       region's nesting in its class) and the blank lines at its start and end. Nothing else: no
 *       white space is collapsed and no escape is translated.
 *   <li>No escape is needed, so none is accepted. Since JDK 15 (the build uses 17) javadoc reads an
 *       {@code @} at the start of a line inside the code tag as text, and inside the tag it shows
 *       {@code {@literal @}}, {@code &#64;} and {@code &lt;} as they are, so an escaped block would
 *       render wrongly; it is reported as a mismatch, with a hint. What javadoc does force is that
 *       the braces of the code balance and that it has no {@code *}{@code /}; a region breaking
 *       either cannot be shown, and its mismatch says so.
 * </ul>
 *
 * <p>The check fails, naming the file and line, when a marked block differs from its region (with a
 * line diff and the region's location), a marker names no region, a block has no marker, a marker
 * is not followed by a block, a {@code <pre>} is not in the form above, or a region name is defined
 * twice. The tests below feed it deliberately broken copies to show that it does.
 */
class JavadocSnippetsTest {

    /** Modules that are not libraries: this one (the source of the examples) and benchmarks. */
    private static final Set<String> NOT_LIBRARIES =
            Set.of("flink-kafka-bridge-examples", "flink-kafka-bridge-benchmarks");

    private static final Path SINK =
            SnippetRegions.ROOT.resolve(
                    "flink-kafka-bridge-core/src/main/java/io/github/flinkkafkabridge/sink/"
                            + "KafkaBridgeSink.java");

    private static final SnippetRegions REGIONS = SnippetRegions.ofExamples();

    private static final String INDENT_16 = " ".repeat(16);

    @Test
    void everyJavadocCodeBlockOfTheLibrariesIsTakenFromACompiledExample() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : librarySources()) {
            problems.addAll(JavadocCodeBlocks.check(file, SnippetRegions.read(file), REGIONS));
        }

        assertThat(problems)
                .withFailMessage(
                        () ->
                                problems.size()
                                        + " javadoc snippet problem(s):\n\n"
                                        + String.join("\n\n", problems))
                .isEmpty();
    }

    @Test
    void theScanCoversEveryLibraryModuleAndFindsTheirExamples() throws IOException {
        List<Path> modules = libraryModules();
        int blocks = 0;
        for (Path file : librarySources()) {
            blocks += JavadocCodeBlocks.codeBlocks(SnippetRegions.read(file)).size();
        }

        assertThat(modules.stream().map(m -> m.getFileName().toString()))
                .contains(
                        "flink-kafka-bridge-core",
                        "flink-kafka-bridge-formats",
                        "flink-kafka-bridge-metrics",
                        "flink-kafka-bridge-testkit");
        assertThat(blocks).as("javadoc code blocks in the library modules").isGreaterThan(10);
    }

    @Test
    void regionNamesAreUnique() {
        assertThat(REGIONS.duplicates())
                .withFailMessage(() -> String.join("\n", REGIONS.duplicates()))
                .isEmpty();
    }

    @Test
    void aChangedLineInAMarkedBlockFailsWithADiffAndBothLocations() {
        String source = SnippetRegions.read(SINK);
        assertThat(JavadocCodeBlocks.check(SINK, source, REGIONS)).isEmpty();

        String altered = source.replace("\"greetings-job\")", "\"greeting-job\")");
        assertThat(altered).isNotEqualTo(source);

        List<String> problems = JavadocCodeBlocks.check(SINK, altered, REGIONS);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0))
                .contains("KafkaBridgeSink.java:")
                .contains("snippet 'sink-snippet' differs")
                .contains("ExactlyOnceSinkJob.java:")
                .contains("- " + INDENT_16 + ".setTransactionalIdPrefix(\"greeting-job\")")
                .contains("+ " + INDENT_16 + ".setTransactionalIdPrefix(\"greetings-job\")")
                .contains(
                        "  " + INDENT_16 + ".setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)");
    }

    @Test
    void aReindentedBlockFails() {
        String source = SnippetRegions.read(SINK);
        String line = "KafkaBridgeSink.<String>builder()";
        String altered = source.replace(" * " + " ".repeat(8) + line, " * " + " ".repeat(7) + line);
        assertThat(altered).isNotEqualTo(source);

        assertThat(JavadocCodeBlocks.check(SINK, altered, REGIONS))
                .singleElement(as(STRING))
                .contains("- " + " ".repeat(7) + line)
                .contains("+ " + " ".repeat(8) + line);
    }

    @Test
    void aBlockWithoutMarkerFails() {
        String source = SnippetRegions.read(SINK);
        String altered = source.replace("<!-- snippet: sink-snippet -->", "");

        assertThat(JavadocCodeBlocks.check(SINK, altered, REGIONS))
                .singleElement(as(STRING))
                .contains("KafkaBridgeSink.java:")
                .contains("without a <!-- snippet: NAME --> marker");
    }

    @Test
    void aMarkerNamingNoRegionFails() {
        String source = SnippetRegions.read(SINK);
        String altered =
                source.replace(
                        "<!-- snippet: sink-snippet -->", "<!-- snippet: no-such-region -->");

        assertThat(JavadocCodeBlocks.check(SINK, altered, REGIONS))
                .singleElement(as(STRING))
                .contains("snippet 'no-such-region' has no // [START no-such-region] region");
    }

    @Test
    void aMarkerWithoutBlockFails() {
        String source =
                javadoc(
                        "<p>Text.",
                        "<!-- snippet: sink-snippet -->",
                        "",
                        "<p>More text, no block.");

        assertThat(JavadocCodeBlocks.check(SINK, source, REGIONS))
                .singleElement(as(STRING))
                .contains("KafkaBridgeSink.java:4: a snippet marker not directly followed by");
    }

    @Test
    void aPreBlockNotInTheCodeTagFormFails() {
        String source =
                javadoc(
                        "<!-- snippet: sink-snippet -->",
                        "<pre>",
                        "stream.sinkTo(sink);",
                        "</pre>");

        assertThat(JavadocCodeBlocks.check(SINK, source, REGIONS))
                .singleElement(as(STRING))
                .contains("KafkaBridgeSink.java:4: a <pre> block not written as <pre>{@code");
    }

    @Test
    void onlyTheCommentLinePrefixAndSurroundingBlankLinesAreRemoved() {
        String example =
                String.join(
                        "\n",
                        "class Example {",
                        "    void run() {",
                        "        // [START demo]",
                        "        if (ready) {",
                        "",
                        "            go();",
                        "        }",
                        "        // [END demo]",
                        "    }",
                        "}");
        SnippetRegions regions = regions(example);
        String matching =
                javadoc(
                        "Demo.",
                        "<!-- snippet: demo -->",
                        "",
                        "<pre>{@code",
                        "",
                        "if (ready) {",
                        "",
                        "    go();",
                        "}",
                        "}</pre>");

        assertThat(JavadocCodeBlocks.codeBlocks(matching))
                .singleElement()
                .isEqualTo(new CodeBlock(6, "demo", "if (ready) {\n\n    go();\n}", null));
        assertThat(JavadocCodeBlocks.check(SINK, matching, regions)).isEmpty();
        assertThat(JavadocCodeBlocks.check(SINK, matching.replace("    go();", "  go();"), regions))
                .singleElement(as(STRING))
                .contains("-   go();")
                .contains("+     go();");
    }

    @Test
    void escapesAreNotTranslatedBecauseTheCodeTagShowsThemAsTheyAre() {
        SnippetRegions regions =
                regions(
                        "// [START annotated]\n"
                                + "@Override\n"
                                + "public String toString() {}\n"
                                + "// [END annotated]");
        String escaped =
                javadoc(
                        "<!-- snippet: annotated -->",
                        "<pre>{@code",
                        "{@literal @}Override",
                        "public String toString() {}",
                        "}</pre>");

        assertThat(JavadocCodeBlocks.check(SINK, escaped, regions))
                .singleElement(as(STRING))
                .contains("- {@literal @}Override")
                .contains("+ @Override")
                .contains("write @, < and & unescaped");
        assertThat(JavadocCodeBlocks.check(SINK, escaped.replace("{@literal @}", "@"), regions))
                .isEmpty();
    }

    @Test
    void unbalancedBracesAreReported() {
        String source =
                javadoc("<!-- snippet: sink-snippet -->", "<pre>{@code", "if (x) {", "</pre>");

        assertThat(JavadocCodeBlocks.check(SINK, source, REGIONS))
                .singleElement(as(STRING))
                .contains("braces do not balance");
    }

    @Test
    void commentsInsideLiteralsAndLineCommentsAreNotJavadoc() {
        String source =
                String.join(
                        "\n",
                        "class Example {",
                        "    String a = \"/** <pre>{@code x()}</pre> */\";",
                        "    char b = '\\'';",
                        "    String c = \"\"\"",
                        "            /** <pre>{@code y()}</pre> */",
                        "            \"\"\";",
                        "    // /** <pre>{@code z()}</pre> */",
                        "    /* <pre>{@code w()}</pre> */",
                        "    /** <pre>{@code v()}</pre> */",
                        "    void v() {}",
                        "}");

        assertThat(JavadocCodeBlocks.codeBlocks(source))
                .singleElement()
                .isEqualTo(new CodeBlock(9, null, "v()", null));
    }

    /** A class with one javadoc comment made of {@code lines}; its first line is source line 2. */
    private static String javadoc(String... lines) {
        StringBuilder source = new StringBuilder("package demo;\n/**\n");
        for (String line : lines) {
            source.append(line.isEmpty() ? " *" : " * " + line).append('\n');
        }
        return source.append(" */\nclass Demo {}\n").toString();
    }

    private static SnippetRegions regions(String exampleSource) {
        return SnippetRegions.of(
                Map.of(SnippetRegions.MODULE.resolve("Example.java"), exampleSource));
    }

    private static List<Path> libraryModules() throws IOException {
        try (Stream<Path> modules = Files.list(SnippetRegions.ROOT)) {
            return modules.filter(m -> m.getFileName().toString().startsWith("flink-kafka-bridge-"))
                    .filter(m -> !NOT_LIBRARIES.contains(m.getFileName().toString()))
                    .filter(m -> Files.isDirectory(m.resolve("src/main/java")))
                    .sorted()
                    .toList();
        }
    }

    private static List<Path> librarySources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (Path module : libraryModules()) {
            sources.addAll(SnippetRegions.javaFiles(module.resolve("src/main/java")));
        }
        return sources;
    }
}
