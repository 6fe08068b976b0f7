package io.github.flinkkafkabridge.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StandaloneFlinkClusterTest {

    @Test
    void readsTheJobIdFromTheOutputOfFlinkRunDetached() {
        String output =
                "Some warning\n"
                        + "Job has been submitted with JobID 31088bfd83665cd137edd8e1ffe40cfb\n";

        assertThat(StandaloneFlinkCluster.jobIdOf(output))
                .isEqualTo("31088bfd83665cd137edd8e1ffe40cfb");
    }

    @Test
    void failsQuotingTheCliOutputWhenItHasNoJobId() {
        assertThatThrownBy(() -> StandaloneFlinkCluster.jobIdOf("Could not find class Foo"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Job has been submitted with JobID")
                .hasMessageContaining("Could not find class Foo");
    }

    @Test
    void picksDistinctPorts() throws Exception {
        int[] ports = StandaloneFlinkCluster.freePorts(3);

        assertThat(ports).hasSize(3).doesNotHaveDuplicates().doesNotContain(0);
    }
}
