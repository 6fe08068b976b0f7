/**
 * Public API: the Schema Registry wire format (magic byte 0, a 4-byte big-endian schema id, for
 * Protobuf the message indexes, then the payload) for Avro, Protobuf and JSON Schema, with a small
 * caching client for the registry's REST API. Start at {@link
 * io.github.flinkkafkabridge.formats.registry.SchemaRegistryConfig} and one of {@link
 * io.github.flinkkafkabridge.formats.registry.RegistryAvroFormat}, {@link
 * io.github.flinkkafkabridge.formats.registry.RegistryProtobufFormat} or {@link
 * io.github.flinkkafkabridge.formats.registry.RegistryJsonSchemaFormat}.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.formats.registry;

import javax.annotation.ParametersAreNonnullByDefault;
