package dev.hush.web.bench;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The framework floor for the API benchmark: the same server answering a fixed 100-secret pull body
 * from memory (same JSON shape, serialized per request, same executor), with no auth, database or
 * crypto. Only present when {@code hush.benchmark.floor-endpoint=true}; never in a normal server.
 */
@Controller("/bench")
@Requires(property = "hush.benchmark.floor-endpoint", value = "true")
@Hidden
final class FloorController {
    @Serdeable
    record Item(String key, String value, int version, List<String> tags, String purposeType, String description, Instant updatedAt) {}

    @Serdeable
    record Body(List<Item> secrets) {}

    private final Body body;

    FloorController() {
        List<Item> items = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 100; i++) {
            items.add(new Item(String.format("SECRET_%03d", i), "floor-value-" + "x".repeat(24) + i, 1, List.of("bench"), "Other", null, now));
        }
        this.body = new Body(List.copyOf(items));
    }

    @Get("/floor")
    @ExecuteOn("blocking")
    Body floor() {
        return body;
    }
}
