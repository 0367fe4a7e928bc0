package dev.hush.bootstrap.it;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.EmbeddedPg;
import dev.hush.bootstrap.support.TestFiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged distribution ({@code target/hush.jar}) as an operator runs it: a separate JVM, on the
 * embedded PostgreSQL and on an external one; SIGTERM lets an in-flight request finish, then the embedded
 * database stops, and nothing acknowledged is lost.
 */
class DistributionIT {
    private static final Pattern LISTENING = Pattern.compile("Hush is listening on (http://\\S+)");

    record Running(Process process, URI base, StringBuilder output) {}

    static Running launch(Path dataDir, Map<String, String> env) throws Exception {
        return launch(List.of(), dataDir, env);
    }

    /** The server's command line: {@code java -jar hush.jar server --port 0 --data-dir DIR}, after {@code prefix}. */
    static List<String> command(List<String> prefix, Path dataDir) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                System.getProperty("hush.jar", "target/hush.jar"), "server", "--port", "0", "--data-dir", dataDir.toString()));
        return command;
    }

    /** Starts the server (its command line after {@code prefix}) and waits until it listens. */
    static Running launch(List<String> prefix, Path dataDir, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command(prefix, dataDir)).redirectErrorStream(true);
        pb.environment().put("HUSH_GRPC_PORT", "0"); // these servers are reached over HTTP (port 0: any free one)
        pb.environment().putAll(env);
        Process p = pb.start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<URI> base = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        base.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
            base.completeExceptionally(new IllegalStateException("server exited before listening"));
        });
        reader.setDaemon(true);
        reader.start();
        try {
            return new Running(p, base.get(60, TimeUnit.SECONDS), output);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new AssertionError("server did not start: " + output, e);
        }
    }

    @Test
    void sigterm_letsInFlightRequestFinish_andNothingAcknowledgedIsLost() throws Exception {
        Path dir = Files.createTempDirectory("hush-dist");
        Path data = dir.resolve("hush-data");
        try {
            // Access statistics are flushed every hour here: only the flush at shutdown can write them.
            Running server = launch(data, Map.of("HUSH_ACCESS_COUNTER_FLUSH_INTERVAL", "1h"));
            Api cookies = Api.withCookies(server.base()).header("X-Requested-With", "hush");
            var reg = cookies.post("/v1/auth/register", Map.of("email", "ops@example.com", "password", "operator password"));
            assertThat(reg.status()).isEqualTo(201);
            String org = reg.body().at("/org/slug").asText();
            String token = cookies.post("/v1/auth/token", Map.of("name", "ops")).body().get("token").asText();
            Api api = Api.anonymous(server.base()).withToken(token);
            assertThat(api.post("/v1/projects/" + org, Map.of("name", "App", "slug", "app")).status()).isEqualTo(201);
            assertThat(api.put("/v1/secrets/" + org + "/app/prod", Map.of("key", "COUNTED", "value", "read three times")).status()).isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/v1/secrets/" + org + "/app/prod?keys=COUNTED").status()).isEqualTo(200);
            }

            // Start a bulk import, deliver all but the last bytes, then SIGTERM the server.
            List<Map<String, Object>> secrets = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                secrets.add(Map.of("key", "K" + i, "value", "value-" + i));
            }
            byte[] body = Api.JSON.writeValueAsBytes(Map.of("secrets", secrets));
            try (Socket socket = new Socket(server.base().getHost(), server.base().getPort())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/secrets/" + org + "/app/dev/bulk HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length - 10);
                out.flush();
                Thread.sleep(300);
                server.process().destroy(); // SIGTERM
                Thread.sleep(500);
                out.write(body, body.length - 10, 10);
                out.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(response).startsWith("HTTP/1.1 200").contains("\"created\":200");
            }
            assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            synchronized (server.output()) {
                assertThat(server.output().toString()).doesNotContain("value-1");
            }

            Running again = launch(data, Map.of());
            try {
                var pulled = Api.anonymous(again.base()).withToken(token).get("/v1/secrets/" + org + "/app/dev?tags=");
                assertThat(pulled.body().get("secrets")).hasSize(200);
                // The buffered access statistics were flushed before the database stopped.
                var counted = Api.anonymous(again.base()).withToken(token).get("/v1/secrets/" + org + "/app/prod/keys").body();
                assertThat(counted.at("/secrets/0/key").asText()).isEqualTo("COUNTED");
                assertThat(counted.at("/secrets/0/accessCount").asLong()).isEqualTo(3);
                // The distribution answers the Connect protocol too (its in-process gRPC and JSON mapping classes are in it).
                var viaConnect = Api.anonymous(again.base()).withToken(token).post("/hush.v1.SecretsService/ListKeys",
                        Map.of("env", Map.of("org", org, "project", "app", "environment", "prod")));
                assertThat(viaConnect.status()).isEqualTo(200);
                assertThat(viaConnect.body().at("/secrets/0/key").asText()).isEqualTo("COUNTED");
                // A new connection is refused after SIGTERM, never half-served.
                again.process().destroy();
                assertThat(again.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                again.process().destroyForcibly();
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    @Test
    void distribution_runsOnPostgres() throws Exception {
        Path dir = Files.createTempDirectory("hush-dist-pg");
        try (EmbeddedPg pg = new EmbeddedPg(dir.resolve("pg"))) {
            Running server = launch(dir.resolve("data"), Map.of("HUSH_DATABASE_URL", pg.jdbcUrl(), "HUSH_DATABASE_USER", "postgres",
                    "HUSH_DATABASE_PASSWORD", "", "HUSH_METRICS_TOKEN", "dist-operator-token"));
            try {
                Api cookies = Api.withCookies(server.base()).header("X-Requested-With", "hush");
                var reg = cookies.post("/v1/auth/register", Map.of("email", "pg@example.com", "password", "postgres password"));
                assertThat(reg.status()).isEqualTo(201);
                String org = reg.body().at("/org/slug").asText();
                Api api = Api.anonymous(server.base()).withToken(cookies.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
                api.post("/v1/projects/" + org, Map.of("name", "App", "slug", "app"));
                assertThat(api.put("/v1/secrets/" + org + "/app/prod", Map.of("key", "K", "value", "on-postgres")).status()).isEqualTo(200);
                assertThat(api.get("/v1/secrets/" + org + "/app/prod").body().at("/secrets/0/value").asText()).isEqualTo("on-postgres");
                assertThat(Api.anonymous(server.base()).withToken("dist-operator-token").get("/health").body().at("/details/database/status").asText())
                        .isEqualTo("UP");
                // No embedded database was started: the external PostgreSQL is the only store.
                assertThat(dir.resolve("data").resolve("postgres")).doesNotExist();
            } finally {
                server.process().destroy();
                server.process().waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

}
