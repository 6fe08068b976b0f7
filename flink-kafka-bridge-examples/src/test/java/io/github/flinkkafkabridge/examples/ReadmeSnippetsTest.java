package io.github.flinkkafkabridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.examples.SnippetRegions.Region;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in the README is marked {@code <!-- snippet: NAME -->} and must equal the
 * region between {@code // [START NAME]} and {@code // [END NAME]} of a compiled example (see
 * {@link SnippetRegions}), so the README never shows code that does not compile. The README text is
 * compared as it is, without its leading and trailing blank lines; {@link JavadocSnippetsTest} does
 * the same for the javadoc of the library modules.
 */
class ReadmeSnippetsTest {

    private static final Path README = SnippetRegions.ROOT.resolve("README.md");
    private static final Pattern SNIPPET =
            Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyReadmeSnippetMatchesItsCompiledExample() throws IOException {
        Map<String, String> snippets = readmeSnippets();
        SnippetRegions regions = SnippetRegions.ofExamples();

        assertThat(snippets).as("README snippets").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> snippet : snippets.entrySet()) {
            Region region = regions.get(snippet.getKey());
            if (region == null) {
                problems.add(
                        "README.md: snippet '"
                                + snippet.getKey()
                                + "' has no // [START "
                                + snippet.getKey()
                                + "] region in flink-kafka-bridge-examples");
            } else {
                SnippetComparison.mismatch(
                                "README.md", snippet.getKey(), snippet.getValue(), region)
                        .ifPresent(problems::add);
            }
        }
        assertThat(problems)
                .withFailMessage(
                        () ->
                                problems.size()
                                        + " README snippet problem(s):\n\n"
                                        + String.join("\n\n", problems))
                .isEmpty();
    }

    @Test
    void everyJavaBlockInTheReadmeIsAMarkedSnippet() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int javaBlocks = readme.split("```java", -1).length - 1;

        assertThat(readmeSnippets()).hasSize(javaBlocks);
    }

    private static Map<String, String> readmeSnippets() throws IOException {
        Matcher matcher = SNIPPET.matcher(Files.readString(README, StandardCharsets.UTF_8));
        Map<String, String> snippets = new LinkedHashMap<>();
        while (matcher.find()) {
            snippets.put(
                    matcher.group(1),
                    SnippetRegions.trimBlankLines(List.of(matcher.group(2).split("\n", -1))));
        }
        return snippets;
    }
}
