package com.licenceshop.projector.inbound;

/** What applying a batch's good events did: events applied for the first time, and duplicates the inbox skipped. */
record AppliedCounts(int applied, int duplicates) {

    static final AppliedCounts NONE = new AppliedCounts(0, 0);

    AppliedCounts plus(AppliedCounts other) {
        return new AppliedCounts(applied + other.applied, duplicates + other.duplicates);
    }
}
