package com.licenceshop.projector.rebuild;

import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.servicedefaults.ProblemHandlers;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;

@Controller("/ops/rebuild")
@ExecuteOn(TaskExecutors.BLOCKING)
class RebuildController {

    private final RebuildSalesProjection rebuild;

    RebuildController(RebuildSalesProjection rebuild) {
        this.rebuild = rebuild;
    }

    @Post
    HttpResponse<?> start() throws SQLException {
        try {
            return HttpResponse.accepted().body(rebuild.start());
        } catch (RebuildSalesProjection.AlreadyRunningException e) {
            return ProblemHandlers.response(Problem.of(
                    HttpStatus.CONFLICT.getCode(),
                    "Rebuild already running",
                    "a rebuild is running (on this or another instance); follow it at GET /ops/rebuild"));
        }
    }

    @Get
    RebuildStatus status() throws SQLException {
        return rebuild.status();
    }
}
