package com.licenceshop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus against Prometheus' own checker. promtool comes with Debian's prometheus package, which
 * .ci/run installs: without it these fail (and say so), they never skip. Whether the metric names exist is
 * e2e-tests' ObservabilityIT's question.
 */
class PrometheusFilesTest {

    private static final Path PROMETHEUS = Repository.ROOT.resolve("deploy/prometheus");

    @Test
    void theAlertAndRecordingRulesPassPromtool() {
        String out = Repository.run(PROMETHEUS, "promtool", "check", "rules", "rules.yml");
        assertThat(out).contains("SUCCESS");
    }

    @Test
    void theAlertsFireAndStayQuietAsTheirUnitTestsExpect() {
        String out = Repository.run(PROMETHEUS, "promtool", "test", "rules", "rules.test.yml");
        assertThat(out).contains("SUCCESS");
    }

    @Test
    void theScrapeConfigPassesPromtoolWithItsRules() {
        String out = Repository.run(PROMETHEUS, "promtool", "check", "config", "prometheus.yml");
        assertThat(out).contains("SUCCESS: 1 rule files found");
    }
}
