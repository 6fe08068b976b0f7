/**
 * Public API: Apache Avro binary values (generic, specific and reflect records) with a fixed writer
 * and reader schema. Start at {@link io.github.flinkkafkabridge.formats.avro.AvroFormat}. For
 * schemas from a Schema Registry see {@code io.github.flinkkafkabridge.formats.registry}.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.formats.avro;

import javax.annotation.ParametersAreNonnullByDefault;
