package io.github.flinkkafkabridge.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

    @Test
    void findsACauseDeepInTheChain() {
        Throwable error =
                new RuntimeException(
                        "Unable to start acceptor",
                        new KafkaException(
                                "Socket server failed to bind",
                                new BindException("Address already in use")));

        assertThat(Exceptions.hasCause(error, BindException.class)).isTrue();
        assertThat(Exceptions.hasCause(error, IllegalStateException.class)).isFalse();
    }

    @Test
    void survivesACauseCycle() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(Exceptions.hasCause(a, BindException.class)).isFalse();
    }

    @Test
    void unwrapsFutureWrappers() {
        IllegalStateException root = new IllegalStateException("root");

        assertThat(Exceptions.unwrap(new ExecutionException(new CompletionException(root))))
                .isSameAs(root);
        assertThat(Exceptions.describe(new ExecutionException(root)))
                .isEqualTo("IllegalStateException: root");
        assertThat(Exceptions.describe(new IllegalStateException()))
                .isEqualTo("IllegalStateException");
    }
}
