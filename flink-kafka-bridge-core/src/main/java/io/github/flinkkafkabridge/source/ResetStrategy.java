package io.github.flinkkafkabridge.source;

/**
 * Where to start reading a partition that has no usable offset: no committed offset for the group,
 * or no entry in a map of specific offsets.
 */
public enum ResetStrategy {
    /** Start at the earliest offset still in the log: nothing is skipped. */
    EARLIEST,
    /** Start at the end of the log: only records written from now on are read. */
    LATEST,
    /** Fail the job, naming the partitions without an offset. */
    NONE
}
