package com.licenceshop.projector.ops;

import com.licenceshop.servicedefaults.DeadLetterQueue;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.Map;

@Controller("/ops/dead-letters")
class DeadLetterController {

    private final DeadLetterQueue deadLetters;

    DeadLetterController(DeadLetterQueue deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Post("/redrive")
    @ExecuteOn(TaskExecutors.BLOCKING)
    Map<String, Integer> redrive() throws IOException {
        return Map.of("moved", deadLetters.redrive(everyMessage -> true, Map.of()));
    }
}
