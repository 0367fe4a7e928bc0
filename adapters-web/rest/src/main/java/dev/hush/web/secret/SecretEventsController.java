package dev.hush.web.secret;

import dev.hush.application.auth.Caller;
import dev.hush.application.port.EnvironmentFeed;
import dev.hush.application.secret.EnvironmentWatchers;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * An environment's change feed as Server-Sent Events, for clients without gRPC: the WatchEnvironment stream of the
 * gRPC API. Each change is an event named by its type, with the revision as its id (a reconnecting browser sends it
 * back as {@code Last-Event-ID}, and the stream resumes after it) and {@code {revision, type, keys, at}} as data;
 * never a value. It is a watch of {@link EnvironmentWatchers}: the request is authenticated again and its access
 * checked about every second, so a revoked token or a lost role ends the stream with an {@code error} event carrying
 * the problem's code; a {@code heartbeat} event after {@code HUSH_WATCH_HEARTBEAT} (15 s) without a change keeps proxies
 * from closing an idle stream; a stopping server closes it (the browser reconnects with {@code Last-Event-ID}).
 */
@Controller("/v1/secrets/{org}/{project}")
@ExecuteOn("blocking")
@Tag(name = "secrets")
final class SecretEventsController {
    /** A change as an event's data. */
    @Serdeable
    record Change(long revision, String type, List<String> keys, Instant at) {}

    private final EnvironmentWatchers watchers;
    private final RequestAuth auth;

    SecretEventsController(EnvironmentWatchers watchers, RequestAuth auth) {
        this.watchers = watchers;
        this.auth = auth;
    }

    @Get(uri = "/{env}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(summary = "The environment's changes as Server-Sent Events (keys, never values); Last-Event-ID resumes after a revision")
    Publisher<Event<Object>> events(HttpRequest<?> request, Caller caller, @PathVariable String org, @PathVariable String project, @PathVariable String env,
                                    @Nullable @Header("Last-Event-ID") String lastEventId) {
        long since = revision(lastEventId);
        // Opened (and refused as a problem+json answer) here, before the stream starts.
        java.util.concurrent.atomic.AtomicReference<FluxSink<Event<Object>>> out = new java.util.concurrent.atomic.AtomicReference<>();
        EnvironmentWatchers.Watch watch = watchers.open(caller, () -> auth.require(request), org, project, env, since, new EnvironmentWatchers.Sink() {
            @Override
            public boolean ready() {
                FluxSink<Event<Object>> sink = out.get();
                return sink != null && sink.requestedFromDownstream() > 0;
            }

            @Override
            public void changes(List<EnvironmentFeed.Event> events) {
                events.forEach(e -> out.get().next(Event.<Object>of(new Change(e.revision(), e.type(), e.keys(), e.at()))
                        .id(String.valueOf(e.revision())).name(e.type())));
            }

            @Override
            public void heartbeat(long revision) {
                out.get().next(Event.<Object>of(Map.of("revision", revision)).name("heartbeat"));
            }

            @Override
            public void ended(Rejection why) {
                FluxSink<Event<Object>> sink = out.get();
                if (sink == null) {
                    return;
                }
                if (!"server_stopping".equals(why.code())) { // a stopping server just closes: EventSource reconnects with Last-Event-ID
                    sink.next(Event.<Object>of(Map.of("code", why.code(), "message", why.getMessage())).name("error"));
                }
                sink.complete();
            }
        });
        return Flux.<Event<Object>>create(sink -> {
            out.set(sink);
            sink.onDispose(watch::cancel);
            watch.start();
        });
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
