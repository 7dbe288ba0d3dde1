package com.licenceshop.notification.delivery;

import com.licenceshop.events.EventType;

import java.util.Optional;

/**
 * Which schema versions this service reads: for each event type every version up to the
 * {@link EventType#schemaVersion()} it was built with ({@link EventType#reads}: versions only add fields). A newer
 * version may carry what this build would leave out of the mail (v2 of OrderPlaced added the licence keys), so
 * it is parked for ops instead of being mailed as if it were the old one. Plain Java.
 */
final class SchemaVersions {

    private SchemaVersions() {
    }

    /**
     * Why a message of this type and {@code x-shop-schema-version} cannot be read, or empty when it can. A message
     * without the header is read as the current version (the published language has always set it); an unknown
     * type is left to the decoder.
     */
    static Optional<String> unsupported(String typeName, Object versionHeader) {
        if (versionHeader == null || typeName == null) {
            return Optional.empty();
        }
        EventType type;
        try {
            type = EventType.ofTypeName(typeName);
        } catch (IllegalArgumentException unknownType) {
            return Optional.empty();
        }
        String version = versionHeader.toString().trim();
        if (version.matches("[1-9][0-9]{0,8}") && type.reads(Integer.parseInt(version))) {
            return Optional.empty();
        }
        return Optional.of("unsupported schema version " + abbreviate(version) + " of " + type.typeName()
                + ": this service reads versions 1 to " + type.schemaVersion());
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 20 ? printable : printable.substring(0, 20) + "...";
    }
}
