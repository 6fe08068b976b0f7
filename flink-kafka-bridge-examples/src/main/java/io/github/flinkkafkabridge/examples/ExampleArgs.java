package io.github.flinkkafkabridge.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Command-line options of the example jobs: {@code --name value} pairs and {@code --help}. Unknown
 * options are rejected with the list of known ones.
 */
public final class ExampleArgs {

    private final String usage;
    private final Map<String, String> values;
    private final boolean help;

    private ExampleArgs(String usage, Map<String, String> values, boolean help) {
        this.usage = usage;
        this.values = values;
        this.help = help;
    }

    /**
     * Parses {@code args}.
     *
     * @param usage printed for {@code --help}: one line per option
     * @param known the option names without dashes
     * @throws IllegalArgumentException naming an unknown option or a missing value
     */
    public static ExampleArgs parse(String[] args, String usage, List<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
                throw new IllegalArgumentException(
                        "Unknown option '" + arg + "'; options are:\n" + usage);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option '" + arg + "' needs a value");
            }
            values.put(arg.substring(2), args[++i]);
        }
        return new ExampleArgs(usage, values, help);
    }

    /** Whether {@code --help} was given; the caller prints {@link #usage()} and exits. */
    public boolean helpRequested() {
        return help;
    }

    public String usage() {
        return usage;
    }

    /** The value of {@code name}, or null. */
    @Nullable
    public String get(String name) {
        return values.get(name);
    }

    /** The value of {@code name}, or {@code fallback}. */
    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The integer value of {@code name}, or {@code fallback}. */
    public int getInt(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Option '--" + name + "' needs a whole number, got '" + value + "'");
        }
    }
}
