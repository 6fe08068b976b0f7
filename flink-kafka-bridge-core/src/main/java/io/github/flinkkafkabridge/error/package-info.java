/**
 * Public API: what happens to a bad record. {@link
 * io.github.flinkkafkabridge.error.BadRecordPolicy} decides for records the source cannot
 * deserialize (fail, skip, or dead-letter); {@link
 * io.github.flinkkafkabridge.error.DeadLetterHeaders} names the headers a dead-lettered record
 * carries.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.error;

import javax.annotation.ParametersAreNonnullByDefault;
