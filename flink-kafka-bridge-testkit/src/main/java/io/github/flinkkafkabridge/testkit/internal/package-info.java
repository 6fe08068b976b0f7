/**
 * Internal: how the test kit starts an in-process KRaft broker, chooses a cluster from system
 * properties and waits for topics to accept writes. Nothing here is part of the public API and no
 * public signature of {@code io.github.flinkkafkabridge.testkit} exposes these types; they may
 * change in any release.
 */
@javax.annotation.ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.testkit.internal;
