package com.licenceshop.projector;

import com.licenceshop.events.Topology;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.testsupport.ManagementEndpoints;
import com.licenceshop.testsupport.TestServers;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Anonymous callers get /health, /prometheus and /instance; thread dumps, routes, beans and refresh are not served. */
class ManagementEndpointsIT {

    @Test
    void onlyHealthMetricsAndInstanceAnswerAnonymousCallers() {
        try (var projector = ProjectorInstance.start(
                TestServers.freshDatabase(),
                new Topology(TestServers.freshNamespace()),
                Map.of("shop.projector.consume", false))) {
            ManagementEndpoints.assertOnlyTheAnonymousOnesAnswer(URI.create(projector.url()));
        }
    }
}
