package com.licenceshop.projector.readmodel;

/**
 * PostgreSQL advisory lock keys. Advisory locks hold across every projector instance on the database, which
 * is what pausing live consumption and "one rebuild at a time" need.
 */
public final class ModelLocks {

    /**
     * Every live batch holds it shared; a batch that closes a period (it moves orders between periods) and the
     * rebuild's swap (it replaces the tables) hold it exclusively.
     */
    public static final long LIVE_MODEL = 0x5A1E5_0001L;

    /** Held for the whole of a rebuild, by the session that runs it. */
    public static final long REBUILD = 0x5A1E5_0002L;

    private ModelLocks() {}
}
