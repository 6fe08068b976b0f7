package io.github.flinkkafkabridge.config;

import java.util.List;

/**
 * Thrown by a builder's {@code build()} (or at job start) when options are missing, invalid or in
 * conflict. The message lists every problem found, each naming the option and the setter that fixes
 * it, so one run shows everything that must change.
 *
 * <p>Example message: {@code Invalid KafkaBridgeSource configuration: (1) missing required option
 * bootstrapServers (setBootstrapServers); (2) ...}.
 */
public class KafkaBridgeConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param component what was being configured, e.g. {@code "KafkaBridgeSource"}
     * @param problems one entry per problem, each naming its option and setter; not empty
     */
    public KafkaBridgeConfigException(String component, List<String> problems) {
        super(format(component, problems));
        this.problems = List.copyOf(problems);
    }

    /** The individual problems, in the order they were found. */
    public List<String> problems() {
        return problems;
    }

    private static String format(String component, List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid " + component + " configuration: " + problems.get(0);
        }
        StringBuilder message =
                new StringBuilder("Invalid ")
                        .append(component)
                        .append(" configuration, ")
                        .append(problems.size())
                        .append(" problems:");
        for (int i = 0; i < problems.size(); i++) {
            message.append(' ').append('(').append(i + 1).append(") ").append(problems.get(i));
            if (i < problems.size() - 1) {
                message.append(';');
            }
        }
        return message.toString();
    }
}
