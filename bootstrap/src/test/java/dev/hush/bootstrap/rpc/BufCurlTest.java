package dev.hush.bootstrap.rpc;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code buf curl} calls, run as written with {@code buf} 1.75.0 from npm (installed by {@code npm ci}
 * in {@code src/test/connect-client}) and the proto file of the repository as its schema: a pull over gRPC and over
 * Connect, a refusal, and the WatchEnvironment stream. Skipped when buf is not installed, unless {@code CI=true}.
 */
class BufCurlTest {
    private static final Path CLIENT = Path.of("src", "test", "connect-client").toAbsolutePath();
    private static final Path BUF = CLIENT.resolve("node_modules/.bin/buf");
    private static final Path SCHEMA = Path.of("..", "adapters-web", "rpc", "src", "main", "protobuf").toAbsolutePath().normalize();

    private record Run(int exit, String out, String err) {}

    private static ProcessBuilder buf(String protocol, String token, String body, String url) {
        List<String> command = new ArrayList<>(List.of(BUF.toString(), "curl", "--schema", SCHEMA.toString(), "--protocol", protocol));
        if (protocol.equals("grpc")) {
            command.add("--http2-prior-knowledge");
        }
        command.addAll(List.of("-H", "authorization: Bearer " + token, "-d", body, url));
        return new ProcessBuilder(command);
    }

    private static Run run(ProcessBuilder command) throws Exception {
        Process p = command.start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void theReadmesBufCurlCalls_pullRefuseAndWatch_overGrpcAndConnect() throws Exception {
        boolean installed = Files.isExecutable(BUF);
        TestServer.requireNpm(installed, "buf");

        Path dir = Files.createTempDirectory("hush-buf-curl");
        try (TestServer server = TestServer.withGrpc(dir.resolve("data"), Map.of())) {
            int grpcPort = server.grpcPort;
            Api.Owner owner = Api.ownerWithProject(server.base, "buf@example.com", "buf curl password", "web");
            String org = owner.org();
            String token = owner.token();
            Api api = owner.api();
            assertThat(api.put("/v1/secrets/" + org + "/web/dev", Map.of("key", "DATABASE_URL", "value", "postgres://buf-canary")).status()).isEqualTo(200);
            String env = "{\"env\":{\"org\":\"" + org + "\",\"project\":\"web\",\"environment\":\"dev\"}}";
            String grpc = "http://127.0.0.1:" + grpcPort + "/hush.v1.SecretsService/";
            String connect = server.base + "/hush.v1.SecretsService/";

            for (String[] via : List.of(new String[] {"grpc", grpc}, new String[] {"connect", connect})) {
                Run pulled = run(buf(via[0], token, env, via[1] + "PullSecrets"));
                assertThat(pulled.exit()).as(via[0] + ": " + pulled.err()).isZero();
                JsonAssert.secret(pulled.out(), "DATABASE_URL", "postgres://buf-canary");
            }

            Run refused = run(buf("connect", token, env.replace("\"dev\"", "\"nope\""), connect + "PullSecrets"));
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err()).contains("\"code\": \"not_found\"").contains("google.rpc.ErrorInfo");
            Run anonymous = run(buf("grpc", "hush_tok_not-a-token", env, grpc + "PullSecrets"));
            assertThat(anonymous.exit()).isNotZero();
            assertThat(anonymous.err()).contains("unauthenticated");

            Process watch = buf("grpc", token, env, grpc + "WatchEnvironment").start();
            // Never wait for ever: a stream that does not deliver is killed, and the assertion below fails.
            java.util.concurrent.CompletableFuture.delayedExecutor(20, TimeUnit.SECONDS).execute(watch::destroy);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                // The stream starts with the change already made, then one made while it is open.
                assertThat(api.put("/v1/secrets/" + org + "/web/dev", Map.of("key", "WATCHED", "value", "x")).status()).isEqualTo(200);
                for (String line; !seen.toString().contains("\"WATCHED\"") && (line = out.readLine()) != null; ) {
                    seen.append(line).append('\n');
                }
                assertThat(seen.toString()).contains("\"type\": \"secret.created\"").contains("\"DATABASE_URL\"").contains("\"WATCHED\"")
                        .doesNotContain("buf-canary");
            } finally {
                watch.destroy();
                watch.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    /** Reads buf's pretty-printed JSON answer. */
    private static final class JsonAssert {
        static void secret(String json, String key, String value) throws Exception {
            var secrets = Api.JSON.readTree(json).get("secrets");
            assertThat(secrets).hasSize(1);
            assertThat(secrets.get(0).get("key").asText()).isEqualTo(key);
            assertThat(secrets.get(0).get("value").asText()).isEqualTo(value);
        }
    }
}
