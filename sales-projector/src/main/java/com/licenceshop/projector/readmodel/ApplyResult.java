package com.licenceshop.projector.readmodel;

import com.licenceshop.projector.projection.SalesChange;
import java.util.List;

/** What one batch did: the changes applied for the first time, the duplicates skipped, the new position. */
public record ApplyResult(List<SalesChange> applied, int duplicates, long position) {}
