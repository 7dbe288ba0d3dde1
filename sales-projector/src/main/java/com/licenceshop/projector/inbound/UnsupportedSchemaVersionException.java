package com.licenceshop.projector.inbound;

/**
 * A message whose schema version this projector does not read (shop-events' {@code SchemaVersions}): it is parked with
 * the reason, as retrying will not help; ops re-drive it once a projector that reads the version runs.
 */
final class UnsupportedSchemaVersionException extends RuntimeException {

    UnsupportedSchemaVersionException(String reason) {
        super(reason);
    }
}
