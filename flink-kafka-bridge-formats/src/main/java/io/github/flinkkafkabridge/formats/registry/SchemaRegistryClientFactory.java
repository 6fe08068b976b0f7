package io.github.flinkkafkabridge.formats.registry;

import java.io.Serializable;

/** Creates the client each reader or writer uses; shipped with the job graph. */
@FunctionalInterface
public interface SchemaRegistryClientFactory extends Serializable {

    /** Called once per reader or writer, on its thread, at open time. */
    SchemaRegistryClient create();
}
