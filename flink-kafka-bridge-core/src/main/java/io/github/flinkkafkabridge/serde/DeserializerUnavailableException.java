package io.github.flinkkafkabridge.serde;

import java.io.IOException;

/**
 * A deserializer could not judge a record because something it depends on failed (a schema registry
 * that is down, refuses the credentials, or answers with a server error). The record may be
 * perfectly good, so the source's bad-record policy never skips or dead-letters it: the job fails
 * and, after a restart, reads the record again.
 */
public class DeserializerUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    public DeserializerUnavailableException(String message) {
        super(message);
    }

    public DeserializerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
