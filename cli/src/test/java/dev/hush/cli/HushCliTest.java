package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The commands that need no server: version, completion, usage. */
class HushCliTest {
    record Out(int code, String out, String err) {}

    static Out hush(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HushCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A stand-in server that answers the first {@code busy} requests with {@code status} and Retry-After, then /v1/auth/me. */
    static com.sun.net.httpserver.HttpServer busyServer(int busy, int status, String retryAfter, java.util.concurrent.atomic.AtomicInteger seen)
            throws java.io.IOException {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/auth/me", exchange -> {
            boolean refuse = seen.incrementAndGet() <= busy;
            byte[] body = (refuse ? "{\"code\":\"rate_limited\",\"detail\":\"Too many requests.\"}"
                    : "{\"user\":{\"email\":\"ada@example.com\"},\"orgs\":[]}").getBytes(StandardCharsets.UTF_8);
            if (refuse) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.getResponseHeaders().add("Content-Type", refuse ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(refuse ? status : 200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    static Out hushAt(com.sun.net.httpserver.HttpServer server, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HushCli.run(args, Map.of("HUSH_API_URL", "http://127.0.0.1:" + server.getAddress().getPort(), "HUSH_TOKEN", "hush_tok_test",
                        "HUSH_CONFIG_DIR", System.getProperty("java.io.tmpdir") + "/hush-cli-test-" + System.nanoTime()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a429OrA503_isTriedAgainAfterItsRetryAfter_andALongWaitFailsAtOnce() throws Exception {
        var seen = new java.util.concurrent.atomic.AtomicInteger();
        var twice = busyServer(2, 429, "0", seen);
        try {
            Out ok = hushAt(twice, "whoami");
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("ada@example.com");
            assertThat(seen.get()).as("two 429s, then the answer").isEqualTo(3);
        } finally {
            twice.stop(0);
        }

        seen.set(0);
        var down = busyServer(10, 503, "0", seen);
        try {
            Out failed = hushAt(down, "whoami");
            assertThat(failed.code()).isEqualTo(Failure.SERVER);
            assertThat(seen.get()).as("the first try and three more").isEqualTo(4);
        } finally {
            down.stop(0);
        }

        seen.set(0);
        var throttled = busyServer(10, 429, "900", seen);
        try {
            Out failed = hushAt(throttled, "whoami");
            assertThat(failed.code()).isEqualTo(Failure.REFUSED);
            assertThat(failed.err()).contains("retry after 900 s");
            assertThat(seen.get()).as("15 minutes is not waited for").isEqualTo(1);
        } finally {
            throttled.stop(0);
        }
    }

    @Test
    void version_printsTheBuiltVersion() {
        Out version = hush("--version");
        assertThat(version.code()).isZero();
        // The Maven project version, filtered into version.properties: no placeholder left.
        assertThat(version.out().strip()).matches("hush \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(hush("-V").out()).isEqualTo(version.out());
    }

    @Test
    void completionBash_printsABashScript_thatCompletesTheSubcommands() {
        Out bash = hush("completion", "bash");
        assertThat(bash.code()).isZero();
        assertThat(bash.err()).isEmpty();
        assertThat(bash.out()).contains("complete -F _complete_hush", "hush");
        assertThat(bash.out()).contains("login", "logout", "whoami", "org", "project", "secrets", "members", "run", "completion");
        // Nested subcommands complete too.
        assertThat(bash.out()).contains("promote", "import", "export", "history");
    }

    @Test
    void completion_withoutOrWithZsh_printsTheSameScript_whichWorksInZsh() {
        String bash = hush("completion", "bash").out();
        assertThat(hush("completion").out()).isEqualTo(bash);
        Out zsh = hush("completion", "zsh");
        assertThat(zsh.code()).isZero();
        assertThat(zsh.out()).isEqualTo(bash).contains("bashcompinit");
    }

    @Test
    void completion_withAnotherShell_isAUsageError() {
        Out other = hush("completion", "powershell");
        assertThat(other.code()).isEqualTo(Failure.USAGE);
        assertThat(other.out()).isEmpty();
        assertThat(other.err()).startsWith("hush: ").contains("powershell").contains("bash, zsh, fish");
    }

    /** The fish script, loaded into a real fish (installed by .ci/run), completes commands, subcommands and options. */
    @Test
    void completionFish_completesInFish() throws Exception {
        Out fish = hush("completion", "fish");
        assertThat(fish.code()).isZero();
        java.nio.file.Path script = java.nio.file.Files.createTempFile("hush", ".fish");
        try {
            java.nio.file.Files.writeString(script, fish.out());
            boolean ci = "true".equals(System.getenv("CI"));
            boolean installed = new java.io.File("/usr/bin/fish").canExecute() || new java.io.File("/usr/local/bin/fish").canExecute();
            org.junit.jupiter.api.Assumptions.assumeTrue(installed || ci, "fish is not installed (.ci/run installs it)");
            assertThat(fishComplete(script, "hush pro")).contains("project\tProjects of the organization: list, create, delete, use.");
            assertThat(fishComplete(script, "hush project ")).contains("list", "create", "delete", "use");
            assertThat(fishComplete(script, "hush run --fall")).contains("--fallback", "--fallback-only", "--fallback-max-age");
            assertThat(fishComplete(script, "hush secrets ")).contains("set", "get", "restore", "promote").doesNotContain("signup");
        } finally {
            java.nio.file.Files.deleteIfExists(script);
        }
    }

    private static String fishComplete(java.nio.file.Path script, String line) throws Exception {
        Process p = new ProcessBuilder("fish", "--no-config", "-c", "source " + script + "; complete -C '" + line + "'").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void help_listsTheCompletionCommand() {
        Out help = hush("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("completion").contains("Print a shell completion script");
        assertThat(hush("completion", "--help").out()).contains("source <(hush completion bash)");
    }
}
