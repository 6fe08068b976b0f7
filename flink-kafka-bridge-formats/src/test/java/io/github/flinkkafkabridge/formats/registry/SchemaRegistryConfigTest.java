package io.github.flinkkafkabridge.formats.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class SchemaRegistryConfigTest {

    @Test
    void buildNamesTheMissingOption() {
        assertThatThrownBy(() -> SchemaRegistryConfig.builder().build())
                .hasMessageContaining("url (setUrl)")
                .hasMessageContaining("setClientFactory");
    }

    @Test
    void settersRejectBadValuesQuotingThem() {
        SchemaRegistryConfig.Builder b = SchemaRegistryConfig.builder();
        assertThatThrownBy(() -> b.setUrl("ftp://x")).hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> b.setUrl("http://u:p@host")).hasMessageContaining("setBasicAuth");
        assertThatThrownBy(() -> b.setRequestTimeout(Duration.ZERO)).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> b.setCacheCapacity(0)).hasMessageContaining("got 0");
    }

    @Test
    void defaultsAndSerializability() throws Exception {
        SchemaRegistryConfig config =
                InstantiationUtil.clone(
                        SchemaRegistryConfig.builder()
                                .setUrl("https://registry:8081/")
                                .setBasicAuth("u", "pw")
                                .build());

        assertThat(config.url()).isEqualTo("https://registry:8081");
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.subjectNameStrategy()).isEqualTo(SubjectNameStrategy.TOPIC);
        assertThat(config.requestTimeout()).isEqualTo(SchemaRegistryConfig.DEFAULT_REQUEST_TIMEOUT);
        assertThat(config.cacheCapacity()).isEqualTo(SchemaRegistryConfig.DEFAULT_CACHE_CAPACITY);
        assertThat(config.createClient()).isInstanceOf(CachingSchemaRegistryClient.class);
        assertThat(config.toString()).doesNotContain("pw");
    }

    @Test
    void subjectNameStrategies() {
        assertThat(SubjectNameStrategy.TOPIC.subject("orders", false, "a.B"))
                .isEqualTo("orders-value");
        assertThat(SubjectNameStrategy.TOPIC.subject("orders", true, "a.B"))
                .isEqualTo("orders-key");
        assertThat(SubjectNameStrategy.RECORD.subject("orders", false, "a.B")).isEqualTo("a.B");
        assertThat(SubjectNameStrategy.TOPIC_RECORD.subject("orders", false, "a.B"))
                .isEqualTo("orders-a.B");
    }
}
