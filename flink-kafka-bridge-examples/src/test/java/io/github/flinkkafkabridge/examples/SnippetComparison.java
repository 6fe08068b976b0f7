package io.github.flinkkafkabridge.examples;

import io.github.flinkkafkabridge.examples.SnippetRegions.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares a snippet shown in the documentation with the region of a compiled example it claims to
 * be, and explains a difference as a line diff. Both texts arrive already normalized by their
 * reader; the comparison itself is exact.
 */
final class SnippetComparison {

    private SnippetComparison() {}

    /**
     * Empty when {@code shown} equals the region's text, otherwise a message naming both places and
     * showing the line diff ({@code -} only in the documentation, {@code +} only in the region).
     */
    static Optional<String> mismatch(String shownAt, String name, String shown, Region region) {
        if (shown.equals(region.text())) {
            return Optional.empty();
        }
        return Optional.of(
                shownAt
                        + ": snippet '"
                        + name
                        + "' differs from its compiled region at "
                        + region.location()
                        + " (- documentation, + region):\n"
                        + diff(shown, region.text()));
    }

    /** A line diff of two texts: {@code " "} common, {@code "- "} only left, {@code "+ "} right. */
    static String diff(String left, String right) {
        List<String> a = List.of(left.split("\n", -1));
        List<String> b = List.of(right.split("\n", -1));
        // Longest common subsequence of lines, filled from the end so the walk goes forward.
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] =
                        a.get(i).equals(b.get(j))
                                ? common[i + 1][j + 1] + 1
                                : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add("  " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                out.add("- " + a.get(i++));
            } else {
                out.add("+ " + b.get(j++));
            }
        }
        return String.join("\n", out);
    }
}
