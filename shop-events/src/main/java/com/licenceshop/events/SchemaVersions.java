package com.licenceshop.events;

import java.util.Optional;

/**
 * The one rule every consumer applies to an event's {@code x-shop-schema-version} before reading its body: a reader
 * built with {@link EventType#schemaVersion()} reads that version and every older one (versions only add fields). A
 * newer version, or a message without a version, is not read as if it were one this build knows: the consumer parks
 * it with the reason, for ops to re-drive once a reader that knows it runs. The relay always sets the header, so a
 * message without it did not come from the shop's outbox.
 */
public final class SchemaVersions {

    private SchemaVersions() {}

    /**
     * Why an event of {@code typeName} declaring {@code versionHeader} (a number, or its digits as text) cannot be read
     * by this build, or empty when it can. An unknown or missing type is left to the decoder, which refuses it.
     */
    public static Optional<String> unsupported(String typeName, Object versionHeader) {
        if (versionHeader == null) {
            return Optional.of("no " + MessageHeaders.SCHEMA_VERSION + " header");
        }
        String version = versionHeader.toString().trim();
        if (!version.matches("[1-9][0-9]{0,8}")) {
            return Optional.of("schema version " + abbreviate(version) + " is not a version number");
        }
        Optional<EventType> type = known(typeName);
        if (type.isEmpty() || type.get().reads(Integer.parseInt(version))) {
            return Optional.empty();
        }
        return Optional.of(
                "unsupported schema version " + version + " of " + type.get().typeName()
                        + ": this service reads versions 1 to " + type.get().schemaVersion());
    }

    private static Optional<EventType> known(String typeName) {
        if (typeName == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventType.ofTypeName(typeName));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 20 ? printable : printable.substring(0, 20) + "...";
    }
}
