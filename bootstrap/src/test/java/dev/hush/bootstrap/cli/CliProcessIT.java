package dev.hush.bootstrap.cli;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged CLI jar as a separate process (as ./hush starts it): {@code hush run} injects the
 * secrets, forwards SIGTERM to the command, and exits with the command's exit code.
 */
class CliProcessIT {
    @Test
    void run_forwardsSigterm_andExitsWithTheCommandsCode() throws Exception {
        Path jar = Path.of("..", "cli", "target", "hush-cli.jar").toAbsolutePath().normalize();
        assertThat(jar).as("the reactor builds the CLI before the server's tests").exists();
        Path dir = Files.createTempDirectory("hush-cli-process");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
            var reg = session.post("/v1/auth/register", Map.of("email", "proc@example.com", "password", "process password 1"));
            String org = reg.body().at("/org/slug").asText();
            String orgId = reg.body().at("/org/id").asText();
            String token = session.post("/v1/auth/token", Map.of("name", "p")).body().get("token").asText();
            Api api = Api.anonymous(server.base).withToken(token);
            assertThat(api.post("/v1/projects/" + orgId, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
            assertThat(api.put("/v1/secrets/" + org + "/web/dev", Map.of("key", "API_KEY", "value", "process-canary")).status()).isEqualTo(200);

            Path ready = dir.resolve("ready");
            Path trapped = dir.resolve("trapped");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString(), "run", "--env", "dev", "--", "sh", "-c",
                    "trap 'echo \"term $API_KEY\" > " + trapped + "; exit 42' TERM; echo up > " + ready + "; while true; do sleep 0.1; done");
            pb.environment().put("HUSH_TOKEN", token);
            pb.environment().put("HUSH_API_URL", server.base.toString());
            pb.environment().put("HUSH_ORG", org);
            pb.environment().put("HUSH_PROJECT", "web");
            pb.environment().put("HUSH_CONFIG_DIR", dir.resolve("config").toString());
            pb.redirectErrorStream(true).redirectOutput(dir.resolve("cli.log").toFile());
            Process hush = pb.start();
            for (int i = 0; i < 200 && !Files.exists(ready); i++) {
                Thread.sleep(50);
            }
            assertThat(ready).as(Files.exists(dir.resolve("cli.log")) ? Files.readString(dir.resolve("cli.log")) : "").exists();
            hush.destroy(); // SIGTERM to the hush process, as a supervisor or Ctrl-C would send
            assertThat(hush.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(hush.exitValue()).as("the command's own exit code").isEqualTo(42);
            assertThat(Files.readString(trapped, StandardCharsets.UTF_8)).isEqualTo("term process-canary\n");
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
