package com.licenceshop.command.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/ops/replay}; every field is checked by {@link ReplayPlan}, so all may be missing. */
@Serdeable
record ReplayRequest(
        @Schema(allowableValues = {"sales-projector", "notification-service"}) @Nullable
        String consumer,

        @Schema(description = "replay events with a sequence greater than this") @Nullable
        Long after,

        @Schema(description = "last sequence to replay (default: the newest event)") @Nullable
        Long upTo) {}
