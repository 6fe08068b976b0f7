/**
 * Public API: the Schema Registry wire format (magic byte 0, a 4-byte big-endian schema id, for
 * Protobuf the message indexes, then the payload) for Avro, Protobuf and JSON Schema keys and
 * values, with a small caching client for the registry's REST API. Start at {@link
 * io.github.flinkkafkabridge.formats.registry.SchemaRegistryConfig} and one of the {@link
 * io.github.flinkkafkabridge.formats.registry.RegistryFormat}s ({@link
 * io.github.flinkkafkabridge.formats.registry.RegistryAvroFormat}, {@link
 * io.github.flinkkafkabridge.formats.registry.RegistryProtobufFormat}, {@link
 * io.github.flinkkafkabridge.formats.registry.RegistryJsonSchemaFormat}) for record values, or
 * {@link io.github.flinkkafkabridge.formats.registry.RegistryKeyValueFormat} for whole records with
 * a registry key and value.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.formats.registry;

import javax.annotation.ParametersAreNonnullByDefault;
