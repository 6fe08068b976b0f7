package io.github.flinkkafkabridge.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Silences Kafka's own loggers during a test that provokes broker errors on purpose (a taken port,
 * a bad setting), so the build log shows only errors nobody expected. Put
 * {@code @ExtendWith(QuietLogs.class)} on the test method; the levels are restored after it.
 */
final class QuietLogs implements BeforeEachCallback, AfterEachCallback {

    private static final String[] LOGGERS = {"kafka", "org.apache.kafka", "org.testcontainers"};

    private final Map<String, Level> previous = new LinkedHashMap<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        for (String name : LOGGERS) {
            previous.put(name, LogManager.getLogger(name).getLevel());
            Configurator.setLevel(name, Level.OFF);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        previous.forEach(Configurator::setLevel);
        previous.clear();
    }
}
