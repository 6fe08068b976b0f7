package io.github.flinkkafkabridge.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The snippet regions of the compiled examples: the lines between {@code // [START NAME]} and
 * {@code // [END NAME]} in the main and test sources of this module, without the indentation they
 * share. The README and the javadoc of the library modules show these regions, nothing else; this
 * is the one place that reads them.
 */
final class SnippetRegions {

    /** This module's directory (tests run with the module as working directory). */
    static final Path MODULE = Path.of("").toAbsolutePath();

    /** The repository root. */
    static final Path ROOT = MODULE.getParent();

    private static final Pattern REGION =
            Pattern.compile(
                    "// \\[START ([\\w-]+)]\\n(.*?)\\n[ \\t]*// \\[END \\1]", Pattern.DOTALL);

    private final Map<String, Region> regions;
    private final List<String> duplicates;

    private SnippetRegions(Map<String, Region> regions, List<String> duplicates) {
        this.regions = Collections.unmodifiableMap(regions);
        this.duplicates = List.copyOf(duplicates);
    }

    /** One region: its name, its dedented text and where it starts. */
    record Region(String name, String text, Path file, int line) {

        /** Where the region starts, relative to the repository root, as {@code path:line}. */
        String location() {
            return ROOT.relativize(file) + ":" + line;
        }
    }

    /** The regions of this module's {@code src/main/java} and {@code src/test/java}. */
    static SnippetRegions ofExamples() {
        return of(MODULE.resolve("src/main/java"), MODULE.resolve("src/test/java"));
    }

    /** The regions of every {@code .java} file under {@code roots}. */
    static SnippetRegions of(Path... roots) {
        Map<Path, String> sources = new LinkedHashMap<>();
        for (Path root : roots) {
            for (Path file : javaFiles(root)) {
                sources.put(file, read(file));
            }
        }
        return of(sources);
    }

    /** The regions of the given sources, by file. */
    static SnippetRegions of(Map<Path, String> sources) {
        Map<String, Region> regions = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        sources.forEach(
                (file, source) -> {
                    for (Region region : parse(file, source)) {
                        Region earlier = regions.putIfAbsent(region.name(), region);
                        if (earlier != null) {
                            duplicates.add(
                                    "Snippet region '"
                                            + region.name()
                                            + "' is defined twice: at "
                                            + earlier.location()
                                            + " and at "
                                            + region.location());
                        }
                    }
                });
        return new SnippetRegions(regions, duplicates);
    }

    /** The regions of one source text; {@code file} only names where they are. */
    static List<Region> parse(Path file, String source) {
        List<Region> found = new ArrayList<>();
        Matcher matcher = REGION.matcher(source);
        while (matcher.find()) {
            int line = lineOf(source, matcher.start(2));
            found.add(new Region(matcher.group(1), dedent(matcher.group(2)), file, line));
        }
        return found;
    }

    /** The region called {@code name}, or null. */
    Region get(String name) {
        return regions.get(name);
    }

    /** Every region by name. */
    Map<String, Region> all() {
        return regions;
    }

    /** One message per region name that is defined more than once. */
    List<String> duplicates() {
        return duplicates;
    }

    /** The 1-based line of {@code offset} in {@code text}. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Removes the indentation every non-blank line shares, empties blank lines and drops leading
     * and trailing blank lines.
     */
    static String dedent(String block) {
        List<String> lines = List.of(block.split("\n", -1));
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(indent));
        }
        return trimBlankLines(out);
    }

    /** The lines joined with {@code \n}, without leading and trailing blank lines. */
    static String trimBlankLines(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return String.join("\n", lines.subList(from, to));
    }

    static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the sources under " + root, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
