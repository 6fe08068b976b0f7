package io.github.flinkkafkabridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in the README is marked {@code <!-- snippet: NAME -->} and must equal the
 * region between {@code // [START NAME]} and {@code // [END NAME]} of a compiled example, so the
 * README never shows code that does not compile.
 */
class ReadmeSnippetsTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path README = MODULE.getParent().resolve("README.md");
    private static final Pattern SNIPPET =
            Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyReadmeSnippetMatchesItsCompiledExample() throws IOException {
        Map<String, String> snippets = readmeSnippets();
        Map<String, String> regions = exampleRegions();

        assertThat(snippets).as("README snippets").isNotEmpty();
        for (Map.Entry<String, String> snippet : snippets.entrySet()) {
            assertThat(regions)
                    .as("example region for README snippet '%s'", snippet.getKey())
                    .containsKey(snippet.getKey());
            assertThat(snippet.getValue())
                    .as("README snippet '%s'", snippet.getKey())
                    .isEqualTo(regions.get(snippet.getKey()));
        }
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
            snippets.put(matcher.group(1), matcher.group(2).strip());
        }
        return snippets;
    }

    private static Map<String, String> exampleRegions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        Pattern region =
                Pattern.compile(
                        "// \\[START ([\\w-]+)]\\n(.*?)\\n\\s*// \\[END \\1]", Pattern.DOTALL);
        try (Stream<Path> files = Files.walk(MODULE.resolve("src/main/java"))) {
            for (Path file :
                    (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher matcher = region.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    regions.put(matcher.group(1), dedent(matcher.group(2)));
                }
            }
        }
        return regions;
    }

    private static String dedent(String block) {
        List<String> lines = new ArrayList<>(List.of(block.split("\n")));
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString().strip();
    }
}
