package io.github.flinkkafkabridge.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class BadRecordPolicyTest {

    @Test
    void factoriesSayWhatTheyDo() {
        assertThat(BadRecordPolicy.fail().action()).isEqualTo(BadRecordPolicy.Action.FAIL);
        assertThat(BadRecordPolicy.skip().action()).isEqualTo(BadRecordPolicy.Action.SKIP);
        BadRecordPolicy dlq = BadRecordPolicy.deadLetter(" orders-dlq ");
        assertThat(dlq.action()).isEqualTo(BadRecordPolicy.Action.DEAD_LETTER);
        assertThat(dlq.deadLetterTopic()).isEqualTo("orders-dlq");
        assertThat(dlq).hasToString("DEAD_LETTER(orders-dlq)");
        assertThat(BadRecordPolicy.fail().deadLetterTopic()).isNull();
    }

    @Test
    void blankDeadLetterTopicIsRejected() {
        assertThatThrownBy(() -> BadRecordPolicy.deadLetter(" "))
                .hasMessageContaining("dead-letter topic");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        BadRecordPolicy dlq = BadRecordPolicy.deadLetter("d");
        assertThat(InstantiationUtil.clone(dlq)).isEqualTo(dlq);
        assertThat(InstantiationUtil.clone(BadRecordPolicy.skip()))
                .isEqualTo(BadRecordPolicy.skip());
    }
}
