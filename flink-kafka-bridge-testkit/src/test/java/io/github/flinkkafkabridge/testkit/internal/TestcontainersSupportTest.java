package io.github.flinkkafkabridge.testkit.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class TestcontainersSupportTest {

    @Test
    void namesTheMissingDependency() throws Exception {
        // A loader that sees only the JDK: as if org.testcontainers:kafka were not declared.
        try (URLClassLoader jdkOnly = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> TestcontainersSupport.checkOnClasspath(jdkOnly))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("org.testcontainers:kafka")
                    .hasMessageContaining("optional dependency")
                    .hasMessageContaining("-Dkafka.bridge.cluster=embedded");
        }
    }

    @Test
    void acceptsAClasspathWithTestcontainers() {
        assertThatCode(
                        () ->
                                TestcontainersSupport.checkOnClasspath(
                                        TestcontainersSupportTest.class.getClassLoader()))
                .doesNotThrowAnyException();
    }
}
