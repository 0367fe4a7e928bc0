package dev.hush.bootstrap.api.secret;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The change feed as Server-Sent Events, read line by line as a browser's EventSource reads it: events named by type
 * with the revision as id and no value, a resume with Last-Event-ID, refusals before the stream starts, and an error
 * event that ends the stream when the token is revoked.
 */
class SecretEventsSseTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One parsed SSE event. */
    private record Sse(String id, String name, JsonNode data) {}

    /** Opens the stream; its events arrive in the returned queue (parsed), in order. */
    private static LinkedBlockingQueue<Sse> open(URI url, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        LinkedBlockingQueue<Sse> events = new LinkedBlockingQueue<>();
        HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            String[] id = {null};
            String[] name = {"message"};
            StringBuilder data = new StringBuilder();
            try (Stream<String> lines = response.body()) {
                lines.forEach(line -> {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            try {
                                events.add(new Sse(id[0], name[0], Api.JSON.readTree(data.toString())));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        id[0] = null;
                        name[0] = "message";
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id[0] = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name[0] = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                });
            }
            events.add(new Sse(null, "closed", null));
        });
        return events;
    }

    private static Sse next(LinkedBlockingQueue<Sse> events) throws InterruptedException {
        Sse e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an event within 10 s").isNotNull();
        return e;
    }

    @Test
    void changesStreamAsEvents_resumeWithLastEventId_andARevocationEndsTheStream() throws Exception {
        Path dir = Files.createTempDirectory("hush-sse");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            Api.Owner owner = Api.ownerWithProject(server.base, "sse@example.com", "sse password 1", "web");
            Api session = owner.session();
            String org = owner.org();
            String token = owner.token();
            Api api = owner.api();
            String path = "/v1/secrets/" + org + "/web/dev";
            URI url = URI.create(server.base + path + "/events");

            assertThat(Api.anonymous(server.base).get(path + "/events").status()).as("no token: refused before any stream").isEqualTo(401);
            assertThat(api.get("/v1/secrets/" + org + "/web/nope/events").status()).isEqualTo(404);
            var outsider = Api.withCookies(server.base).header("X-Requested-With", "hush");
            outsider.post("/v1/auth/register", Map.of("email", "sse-outsider@example.com", "password", "outsider password 1"));
            var theirs = outsider.get(path + "/events");
            assertThat(theirs.status()).as("another organization's environment").isEqualTo(404);
            assertThat(theirs.code()).isEqualTo("organization_not_found");

            LinkedBlockingQueue<Sse> stream = open(url, token, null);
            assertThat(api.put(path, Map.of("key", "ONE", "value", "sse-canary-1")).status()).isEqualTo(200);
            assertThat(api.put(path, Map.of("key", "ONE", "value", "sse-canary-2")).status()).isEqualTo(200);
            assertThat(api.delete(path + "/ONE").status()).isEqualTo(204);
            List<Sse> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(next(stream));
            }
            assertThat(got).extracting(Sse::name).containsExactly("secret.created", "secret.updated", "secret.deleted");
            assertThat(got).extracting(e -> e.data().get("keys").get(0).asText()).containsOnly("ONE");
            assertThat(got).extracting(e -> Long.parseLong(e.id())).isSorted().doesNotHaveDuplicates();
            assertThat(got.get(0).id()).isEqualTo(got.get(0).data().get("revision").asText());
            assertThat(got.toString()).doesNotContain("sse-canary");

            LinkedBlockingQueue<Sse> resumed = open(url, token, got.get(0).id());
            assertThat(List.of(next(resumed).name(), next(resumed).name())).containsExactly("secret.updated", "secret.deleted");

            assertThat(session.delete("/v1/auth/tokens/" + owner.tokenId()).status()).isEqualTo(204);
            Sse end = next(stream);
            assertThat(end.name()).isEqualTo("error");
            assertThat(end.data().get("code").asText()).isEqualTo("unauthenticated");
            assertThat(next(stream).name()).as("the stream ends").isEqualTo("closed");

            // A stream still open when the server stops ends at once and does not hold the server up.
            String late = session.post("/v1/auth/token", Map.of("name", "late")).body().get("token").asText();
            LinkedBlockingQueue<Sse> open = open(url, late, null);
            assertThat(next(open).name()).isEqualTo("secret.created");
            long stopping = System.nanoTime();
            server.close();
            assertThat((System.nanoTime() - stopping) / 1_000_000).as("ms to stop with a stream open").isLessThan(10_000);
            Sse last;
            do {
                last = next(open);
            } while (!last.name().equals("closed"));
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
