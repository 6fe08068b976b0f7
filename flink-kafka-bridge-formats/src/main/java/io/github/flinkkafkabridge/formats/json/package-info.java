/**
 * Public API: JSON values with Jackson, as POJOs, Java records or {@code JsonNode} trees. Start at
 * {@link io.github.flinkkafkabridge.formats.json.JsonFormat}.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.formats.json;

import javax.annotation.ParametersAreNonnullByDefault;
