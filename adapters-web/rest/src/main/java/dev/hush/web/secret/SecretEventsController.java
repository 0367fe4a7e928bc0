package dev.hush.web.secret;

import dev.hush.application.auth.Caller;
import dev.hush.application.port.EnvironmentFeed;
import dev.hush.application.secret.WatchEnvironment;
import dev.hush.domain.Rejection;
import dev.hush.web.auth.RequestAuth;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * An environment's change feed as Server-Sent Events, for clients without gRPC: the WatchEnvironment stream of the
 * gRPC API. Each change is an event named by its type, with the revision as its id (a reconnecting browser sends it
 * back as {@code Last-Event-ID}, and the stream resumes after it) and {@code {revision, type, keys, at}} as data;
 * never a value. Every poll (250 ms) authenticates the request again and checks access: a revoked token or a lost
 * role ends the stream with an {@code error} event carrying the problem's code. A {@code heartbeat} event every 15 s
 * keeps proxies from closing an idle stream.
 */
@Controller("/v1/secrets/{org}/{project}")
@ExecuteOn("blocking")
@Tag(name = "secrets")
final class SecretEventsController implements io.micronaut.runtime.graceful.GracefulShutdownCapable {
    private static final long HEARTBEAT_NANOS = Duration.ofSeconds(15).toNanos();

    /** A change as an event's data. */
    @Serdeable
    record Change(long revision, String type, List<String> keys, Instant at) {}

    private final WatchEnvironment watch;
    private final RequestAuth auth;
    /** The server is stopping: every stream ends within a poll (a browser's EventSource reconnects with Last-Event-ID). */
    private volatile boolean stopping;

    @Override
    public java.util.concurrent.CompletionStage<?> shutdownGracefully() {
        stopping = true;
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    SecretEventsController(WatchEnvironment watch, RequestAuth auth) {
        this.watch = watch;
        this.auth = auth;
    }

    @Get(uri = "/{env}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(summary = "The environment's changes as Server-Sent Events (keys, never values); Last-Event-ID resumes after a revision")
    Publisher<Event<Object>> events(HttpRequest<?> request, Caller caller, @PathVariable String org, @PathVariable String project, @PathVariable String env,
                                    @Nullable @Header("Last-Event-ID") String lastEventId) {
        long since = revision(lastEventId);
        watch.open(caller, org, project, env); // refused here as a problem+json answer, before the stream starts
        AtomicLong cursor = new AtomicLong(since);
        AtomicLong lastSent = new AtomicLong(System.nanoTime());
        return Flux.interval(Duration.ZERO, WatchEnvironment.POLL, Schedulers.boundedElastic())
                .takeWhile(tick -> !stopping)
                .concatMap(tick -> {
                    List<Event<Object>> out = new ArrayList<>();
                    for (EnvironmentFeed.Event e : watch.next(auth.require(request), org, project, env, cursor.get())) {
                        out.add(Event.<Object>of(new Change(e.revision(), e.type(), e.keys(), e.at())).id(String.valueOf(e.revision())).name(e.type()));
                        cursor.set(e.revision());
                    }
                    if (out.isEmpty() && System.nanoTime() - lastSent.get() > HEARTBEAT_NANOS) {
                        out.add(Event.<Object>of(Map.of("revision", cursor.get())).name("heartbeat"));
                    }
                    if (!out.isEmpty()) {
                        lastSent.set(System.nanoTime());
                    }
                    return Flux.fromIterable(out);
                })
                .onErrorResume(Rejection.class, r -> Flux.just(Event.<Object>of(Map.of("code", r.code(), "message", r.getMessage())).name("error")));
    }

    private static long revision(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            long r = Long.parseLong(lastEventId.strip());
            if (r >= 0) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Rejection.invalid("Last-Event-ID", "must be a revision this stream sent (a non-negative integer)");
    }
}
