package com.licenceshop.projector.live;

import com.licenceshop.events.EventType;
import com.licenceshop.events.MessageHeaders;
import com.rabbitmq.client.BasicProperties;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The projector understands each event type in every schema version up to the one {@link EventType} names
 * ({@link EventType#reads}: versions only add fields). A message of a newer version (or without one) is not
 * applied as if it were an older one: it is parked with the reason, so ops see it and can re-drive it once a
 * projector that knows the version runs.
 */
final class SchemaVersions {

    /** A message whose schema version the projector does not know. Retrying will not help. */
    static final class UnsupportedSchemaVersionException extends RuntimeException {
        UnsupportedSchemaVersionException(String message) {
            super(message);
        }
    }

    private SchemaVersions() {
    }

    /** The version the message says its body has; checked against its {@code type} if it names one we know. */
    static int declaredVersion(BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(MessageHeaders.SCHEMA_VERSION);
        if (!(value instanceof Number number)) {
            throw new UnsupportedSchemaVersionException("no " + MessageHeaders.SCHEMA_VERSION + " header"
                    + (value == null ? "" : " that is a number"));
        }
        int version = number.intValue();
        knownType(properties.getType()).ifPresent(type -> requireSupported(type, version));
        return version;
    }

    static void requireSupported(EventType type, int version) {
        if (!type.reads(version)) {
            throw new UnsupportedSchemaVersionException(type.typeName() + " schema version " + version
                    + " is not supported (this projector knows versions 1 to " + type.schemaVersion() + ")");
        }
    }

    private static Optional<EventType> knownType(String typeName) {
        return Arrays.stream(EventType.values()).filter(t -> t.typeName().equals(typeName)).findFirst();
    }
}
