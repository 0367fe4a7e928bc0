package dev.hush.bootstrap.cli;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * In a real terminal (a pseudo-terminal from util-linux's script): signup asks the password twice without echo, so
     * neither copy appears in what the terminal shows, and a value set without VALUE is asked the same way.
     */
    @Test
    void passwordsAndValues_typedInATerminal_areNotEchoed() throws Exception {
        assertThat(new java.io.File("/usr/bin/script")).as("util-linux's script").exists();
        Path jar = Path.of("..", "cli", "target", "hush-cli.jar").toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("hush-cli-tty");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            String java = ProcessHandle.current().info().command().orElse("java");
            String password = "typed-secret-password-42";
            String transcript = inTerminal(dir, server, java + " -jar " + jar + " signup --email tty@example.com",
                    List.of("Password: ", password, "Password again: ", password));
            assertThat(transcript).contains("Password: ", "Password again: ", "Logged in to").doesNotContain(password);
            String value = "typed-secret-value-43";
            assertThat(Api.anonymous(server.base).withToken(Api.JSON.readTree(Files.readString(dir.resolve("config/config.json"))).get("token").asText())
                    .post("/v1/projects/tty", Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
            String set = inTerminal(dir, server, java + " -jar " + jar + " secrets set API_KEY --project web", List.of("Value of API_KEY: ", value));
            assertThat(set).contains("Value of API_KEY: ", "Created API_KEY").doesNotContain(value);
            String get = inTerminal(dir, server, java + " -jar " + jar + " secrets get API_KEY --project web", List.of());
            assertThat(get).contains(value);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    /** Runs {@code command} in a pseudo-terminal; each prompt of {@code dialogue} is awaited, then the next line typed. What the terminal showed. */
    private static String inTerminal(Path dir, TestServer server, String command, List<String> dialogue) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true);
        pb.environment().put("HUSH_API_URL", server.base.toString());
        pb.environment().put("HUSH_CONFIG_DIR", dir.resolve("config").toString());
        pb.environment().put("HUSH_KEYRING", "file");
        Process p = pb.start();
        StringBuilder seen = new StringBuilder();
        java.io.InputStream out = p.getInputStream();
        for (int i = 0; i < dialogue.size(); i += 2) {
            long deadline = System.currentTimeMillis() + 20_000;
            while (!seen.toString().contains(dialogue.get(i)) && System.currentTimeMillis() < deadline) {
                int b = out.read();
                if (b < 0) {
                    break;
                }
                seen.append((char) b);
            }
            assertThat(seen.toString()).as("the prompt").contains(dialogue.get(i));
            Thread.sleep(200); // the terminal's echo is off by the time the prompt shows; a person types later still
            p.getOutputStream().write((dialogue.get(i + 1) + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
        }
        seen.append(new String(out.readAllBytes(), StandardCharsets.UTF_8));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(seen.toString()).isZero();
        return seen.toString();
    }
}
