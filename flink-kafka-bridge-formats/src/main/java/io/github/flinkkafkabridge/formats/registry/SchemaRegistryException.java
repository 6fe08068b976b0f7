package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.serde.DeserializerUnavailableException;

/**
 * The Schema Registry answered with an error, or could not be reached. Carries the HTTP status and
 * the registry's {@code error_code} (0 when there was no answer), e.g. 404/40403 for an unknown
 * schema id, 404/40401 for an unknown subject, 409 for an incompatible schema, 401 for bad
 * credentials.
 *
 * <p>Deserializers turn an unknown schema id into a {@link
 * io.github.flinkkafkabridge.serde.FormatException} (the record is bad); every other registry error
 * is not the record's fault and reaches the source as this exception, a {@link
 * DeserializerUnavailableException} that no bad-record policy skips or dead-letters.
 */
public class SchemaRegistryException extends DeserializerUnavailableException {

    private static final long serialVersionUID = 1L;

    /** The error code of an unknown subject. */
    public static final int SUBJECT_NOT_FOUND = 40401;

    /** The error code of an unknown schema (by id, or under a subject). */
    public static final int SCHEMA_NOT_FOUND = 40403;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = 0;
        this.errorCode = 0;
    }

    /** The HTTP status, or 0 when the registry could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code}, or 0. */
    public int errorCode() {
        return errorCode;
    }

    /** Whether the registry said the schema or subject does not exist. */
    public boolean isNotFound() {
        return httpStatus == 404;
    }
}
