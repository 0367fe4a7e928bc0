package dev.hush.bootstrap.rpc;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TwoNodes;
import dev.hush.rpc.v1.EnvRef;
import dev.hush.rpc.v1.EnvironmentEvent;
import dev.hush.rpc.v1.SecretsServiceGrpc;
import dev.hush.rpc.v1.WatchEnvironmentRequest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * WatchEnvironment over gRPC with two nodes on one PostgreSQL: changes written through node A reach a watcher on node
 * B once each and in order, with keys and no values; a watcher resuming from a revision misses nothing and repeats
 * nothing; revoking the watcher's token ends its stream.
 */
class WatchEnvironmentGrpcTest {
    /** What a watcher received: events, then maybe the status that ended the stream. */
    private record Watcher(LinkedBlockingQueue<Object> received) {
        /** The next change (heartbeats skipped). */
        EnvironmentEvent event() throws InterruptedException {
            while (true) {
                Object next = received.poll(10, TimeUnit.SECONDS);
                assertThat(next).as("an event within 10 s").isInstanceOf(EnvironmentEvent.class);
                if (!((EnvironmentEvent) next).getType().equals("heartbeat")) {
                    return (EnvironmentEvent) next;
                }
            }
        }

        /** The next thing received that is not a heartbeat, or null if nothing else came within the time. */
        Object nextNonHeartbeat(long seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (long left; (left = end - System.nanoTime()) > 0; ) {
                Object next = received.poll(left, TimeUnit.NANOSECONDS);
                if (!(next instanceof EnvironmentEvent e && e.getType().equals("heartbeat"))) {
                    return next;
                }
            }
            return null;
        }
    }

    private static Watcher watch(ManagedChannel channel, String token, EnvRef env, long since) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        SecretsServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .watchEnvironment(WatchEnvironmentRequest.newBuilder().setEnv(env).setSinceRevision(since).build(), new StreamObserver<>() {
                    @Override public void onNext(EnvironmentEvent e) { received.add(e); }

                    @Override public void onError(Throwable t) { received.add(Status.fromThrowable(t)); }

                    @Override public void onCompleted() { received.add(Status.OK); }
                });
        return new Watcher(received);
    }

    @Test
    void resumingFromAPrunedRevision_isRefused_withRevisionExpired_overGrpcAndSse() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("hush-prune");
        try (var server = dev.hush.bootstrap.support.TestServer.withGrpc(dir.resolve("data"), Map.of("hush.watch.retention", "3s",
                "hush.janitor.interval", "200ms"))) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort).usePlaintext().build();
            try {
                Api.Owner owner = Api.ownerWithProject(server.base, "prune@example.com", "prune password 1", "web");
                String org = owner.org();
                String token = owner.token();
                Api api = owner.api();
                EnvRef dev = EnvRef.newBuilder().setOrg(org).setProject("web").setEnvironment("dev").build();
                String path = "/v1/secrets/" + org + "/web/dev";

                Watcher watcher = watch(channel, token, dev, 0);
                assertThat(api.put(path, Map.of("key", "GONE", "value", "x")).status()).isEqualTo(200);
                long first = watcher.event().getRevision();
                assertThat(api.put(path, Map.of("key", "GONE_TOO", "value", "x")).status()).isEqualTo(200);
                watcher.event();
                // Older than the retention, and swept. (A retention of 3 s, not 1: on a busy machine the first watch may take
                // a second to start, and must still find the first change kept.)
                Thread.sleep(4_500);

                Object refused = watch(channel, token, dev, first).received().poll(10, TimeUnit.SECONDS);
                assertThat(refused).isInstanceOf(Status.class);
                assertThat(((Status) refused).getCode()).isEqualTo(Status.Code.ABORTED);
                assertThat(((Status) refused).getDescription()).contains("no longer kept").contains("watch from revision 0");
                var sse = api.header("Last-Event-ID", String.valueOf(first)).get(path + "/events");
                assertThat(sse.status()).isEqualTo(409);
                assertThat(sse.code()).isEqualTo("revision_expired");

                // From 0 (or from the newest pruned revision) a watch starts again.
                Watcher fresh = watch(channel, token, dev, 0);
                assertThat(api.put(path, Map.of("key", "NEW", "value", "x")).status()).isEqualTo(200);
                assertThat(fresh.event().getKeysList()).containsExactly("NEW");
            } finally {
                channel.shutdownNow();
            }
        } finally {
            dev.hush.bootstrap.support.TestFiles.deleteTree(dir);
        }
    }

    @Test
    void changesOnOneNode_reachAWatcherOnTheOther_onceInOrder_resumable_untilTheTokenIsRevoked() throws Exception {
        int grpcPort;
        try (ServerSocket free = new ServerSocket(0)) {
            grpcPort = free.getLocalPort();
        }
        try (TwoNodes nodes = TwoNodes.start("hush-watch", Map.of(), Map.of("grpc.server.enabled", true, "hush.grpc.port", grpcPort,
                "hush.watch.heartbeat", "1s"))) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
            try {
                Api session = Api.withCookies(nodes.a.base).header("X-Requested-With", "hush");
                var reg = session.post("/v1/auth/register", Map.of("email", "watch@example.com", "password", "watch password 1"));
                String org = reg.body().at("/org/slug").asText();
                var issued = session.post("/v1/auth/token", Map.of("name", "watcher")).body();
                String token = issued.get("token").asText();
                Api onA = Api.anonymous(nodes.a.base).withToken(token);
                assertThat(onA.post("/v1/projects/" + reg.body().at("/org/id").asText(), Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
                EnvRef dev = EnvRef.newBuilder().setOrg(org).setProject("web").setEnvironment("dev").build();
                String path = "/v1/secrets/" + org + "/web/dev";

                Watcher watcher = watch(channel, token, dev, 0);
                assertThat(onA.put(path, Map.of("key", "ONE", "value", "watch-canary-1")).status()).isEqualTo(200);
                assertThat(onA.put(path, Map.of("key", "TWO", "value", "watch-canary-2")).status()).isEqualTo(200);
                assertThat(onA.delete(path + "/ONE").status()).isEqualTo(204);
                assertThat(onA.post(path + "/bulk", Map.of("secrets", List.of(Map.of("key", "A", "value", "a"), Map.of("key", "B", "value", "b"))))
                        .status()).isEqualTo(200);

                List<EnvironmentEvent> events = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    events.add(watcher.event());
                }
                assertThat(events).extracting(e -> e.getType() + " " + String.join(",", e.getKeysList()))
                        .containsExactly("secret.created ONE", "secret.created TWO", "secret.deleted ONE", "secret.bulk_set A,B");
                assertThat(events).extracting(EnvironmentEvent::getRevision).isSorted().doesNotHaveDuplicates();
                assertThat(events.toString()).doesNotContain("watch-canary");

                // Resuming after the second change gives the third and fourth, and nothing more (once each).
                Watcher resumed = watch(channel, token, dev, events.get(1).getRevision());
                assertThat(List.of(resumed.event(), resumed.event())).containsExactly(events.get(2), events.get(3));
                assertThat(resumed.nextNonHeartbeat(1)).as("nothing twice").isNull();

                // Idle: a heartbeat (1 s here, 15 s by default) with the last revision sent, and no keys.
                Object beat = watcher.received().poll(5, TimeUnit.SECONDS);
                assertThat(beat).isInstanceOf(EnvironmentEvent.class);
                assertThat(((EnvironmentEvent) beat).getType()).isEqualTo("heartbeat");
                assertThat(((EnvironmentEvent) beat).getRevision()).isEqualTo(events.get(3).getRevision());
                assertThat(((EnvironmentEvent) beat).getKeysList()).isEmpty();

                // Revoked through node A: node B's streams end, UNAUTHENTICATED.
                assertThat(session.delete("/v1/auth/tokens/" + issued.get("id").asText()).status()).isEqualTo(204);
                Object end = watcher.nextNonHeartbeat(10);
                assertThat(end).isInstanceOf(Status.class);
                assertThat(((Status) end).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                Object endResumed = resumed.nextNonHeartbeat(10);
                assertThat(((Status) endResumed).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

                // A stream still open when its node stops ends, and does not hold the node up.
                Watcher open = watch(channel, session.post("/v1/auth/token", Map.of("name", "late")).body().get("token").asText(), dev, 0);
                assertThat(open.event().getType()).isEqualTo("secret.created");
                long stopping = System.nanoTime();
                nodes.b.close();
                assertThat((System.nanoTime() - stopping) / 1_000_000).as("ms to stop node B with a stream open").isLessThan(10_000);
                for (Object o = open.received().poll(10, TimeUnit.SECONDS); !(o instanceof Status); o = open.received().poll(10, TimeUnit.SECONDS)) {
                    assertThat(o).as("the stream ends").isNotNull();
                }
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
