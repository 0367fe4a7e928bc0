package dev.hush.application.metrics;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import org.junit.jupiter.api.Test;

class MetricsSummaryTest {
    private final World world = new World();

    @Test
    void summary_byPlatformAdmin_flushesAndSumsByGroup() {
        world.requestRecorder.record("/v1/secrets/acme/api/dev", 200, 3_000_000);
        world.requestRecorder.record("/v1/secrets/acme/api/dev", 404, 3_000_000);
        world.requestRecorder.record("/health", 500, 1_000_000);

        var s = world.metricsSummary.summary(World.session(world.platformAdmin("root@example.com")), null);

        assertThat(s.hours()).isEqualTo(24);
        assertThat(s.groups()).extracting(MetricsSummary.Group::group).containsExactly("health", "secrets");
        assertThat(s.total().requests()).isEqualTo(3);
        assertThat(s.total().clientErrors()).isEqualTo(1);
        assertThat(s.total().serverErrors()).isEqualTo(1);
        assertThat(world.requestMetrics.all()).hasSize(2);
    }

    @Test
    void summary_byOrdinaryUserOrBadHours_isRefused() {
        rejected("forbidden", () -> world.metricsSummary.summary(World.session(world.user("u@example.com")), 24));
        rejected("validation_failed", () -> world.metricsSummary.summary(World.session(world.platformAdmin("root@example.com")), 169));
    }
}
