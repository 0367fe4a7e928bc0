package dev.hush.application.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestRecorderTest {
    private final World world = new World();

    @Test
    void flush_addsToTheCurrentHourAndEmptiesThePending() {
        world.requestRecorder.record("/v1/projects/acme", 201, 30_000_000);
        world.requestRecorder.flush();
        world.requestRecorder.record("/v1/projects/acme", 200, 1_000_000);
        world.requestRecorder.flush();
        world.requestRecorder.flush();

        assertThat(world.requestMetrics.all()).singleElement().satisfies(h -> {
            assertThat(h.group()).isEqualTo("projects");
            assertThat(h.requests()).isEqualTo(2);
            assertThat(h.hour()).isEqualTo(world.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        });
        world.clock.advance(Duration.ofHours(1));
        world.requestRecorder.record("/unknown", 200, 1);
        world.requestRecorder.flush();
        assertThat(world.requestMetrics.all()).hasSize(2);
    }
}
