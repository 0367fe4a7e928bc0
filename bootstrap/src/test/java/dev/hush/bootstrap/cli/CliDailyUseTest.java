package dev.hush.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.CliRun;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16's "done when", with the CLI alone, as a new user would type it (the same entry point as the hush command, in a
 * project folder): sign up, create a project, write the project file, import a .env, run an app, diff two environments,
 * restore a version, and keep running with the server stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliDailyUseTest {
    static final String PASSWORD = "daily use password 1";

    Path dir;
    Path project;
    TestServer server;
    final Map<String, String> env = new HashMap<>();

    CliRun hushIn(Path cwd, String stdin, String... args) { return CliRun.run(env, cwd, stdin, args); }

    CliRun hush(String... args) { return hushIn(project, "", args); }

    CliRun ok(String... args) {
        CliRun o = hush(args);
        assertThat(o.code()).as(String.join(" ", args) + ": " + o.err()).isZero();
        return o;
    }

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("hush-daily");
        project = Files.createDirectories(dir.resolve("app"));
        server = TestServer.start(dir.resolve("data"));
        env.put("HUSH_CONFIG_DIR", dir.resolve("config").toString());
        env.put("HUSH_API_URL", server.base.toString());
        env.put("HUSH_KEYRING", "file");
        env.put("PATH", System.getenv("PATH"));
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        TestFiles.deleteTree(dir);
    }

    @Test
    @Order(1)
    void signup_withThePasswordOnStandardInput_logsIn_andKeepsOnlyAToken() throws IOException {
        CliRun signup = hushIn(project, PASSWORD + "\n", "signup", "--email", "grace@example.com", "--name", "Grace", "--password-stdin");
        assertThat(signup.code()).as(signup.err()).isZero();
        assertThat(signup.err()).contains("Logged in to", "grace@example.com", "organization");
        String config = Files.readString(dir.resolve("config/config.json"));
        assertThat(config).contains("hush_tok_").doesNotContain(PASSWORD);
        assertThat(Files.getPosixFilePermissions(dir.resolve("config/config.json"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(ok("whoami").out()).contains("grace@example.com");
        // The same address again: a clear refusal, nothing changed.
        CliRun again = hushIn(project, PASSWORD + "\n", "signup", "--email", "grace@example.com", "--password-stdin");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).startsWith("hush: ").doesNotContain("Exception");
        // Without a terminal and without --password-stdin, the password is not read from anywhere else.
        CliRun noTerminal = hush("login", "--email", "grace@example.com");
        assertThat(noTerminal.code()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("no terminal to ask for the password", "--password-stdin");
    }

    @Test
    @Order(2)
    void loginWithEmail_mintsATokenForThisMachine_aWrongPasswordIsRefused() {
        CliRun wrong = hushIn(project, "not the password\n", "login", "--email", "grace@example.com", "--password-stdin");
        assertThat(wrong.code()).isEqualTo(3);
        CliRun login = hushIn(project, PASSWORD + "\n", "login", "--email", "grace@example.com", "--password-stdin");
        assertThat(login.code()).as(login.err()).isZero();
        assertThat(ok("token", "list").out()).contains("hush CLI on");
    }

    @Test
    @Order(3)
    void projectsEnvironmentsAndOrganizations_fromTheCli() throws IOException {
        assertThat(hush("project", "list").err()).contains("No project");
        ok("project", "create", "web", "--name", "Web app");
        ok("project", "create", "scratch");
        assertThat(ok("project", "list").out()).contains("web", "Web app", "dev, staging, prod", "scratch");
        assertThat(hush("project", "delete", "scratch").code()).as("asks first; no terminal: needs --yes").isEqualTo(2);
        ok("project", "delete", "scratch", "--yes");
        JsonNode projects = Api.JSON.readTree(ok("--json", "project", "list").out());
        assertThat(projects.findValuesAsText("slug")).contains("web").doesNotContain("scratch");

        ok("init", "--project", "web", "--env", "dev");
        assertThat(Api.JSON.readTree(Files.readString(project.resolve(".hush.json"))).toString())
                .isEqualTo("{\"org\":\"grace\",\"project\":\"web\",\"env\":\"dev\"}");
        assertThat(hush("init").code()).as("not replaced without --force").isEqualTo(1);
        CliRun typo = hush("init", "--project", "web", "--env", "prd", "--force");
        assertThat(typo.code()).isEqualTo(4);
        assertThat(typo.err()).contains("no environment 'prd' in project web: dev, staging, prod (did you mean prod?)");

        ok("env", "create", "qa", "--read-level", "staging");
        assertThat(ok("env", "list").out()).contains("qa", "staging").contains("* ");

        // From a folder below, the project file is found; a flag or HUSH_ENV wins over it, and status says which.
        Path below = Files.createDirectories(project.resolve("src/deep"));
        CliRun status = hushIn(below, "", "status");
        assertThat(status.out()).contains(project.resolve(".hush.json").toString())
                .containsPattern("project +web +\\(.*\\.hush\\.json\\)").containsPattern("environment +dev +\\(.*\\.hush\\.json\\)");
        env.put("HUSH_ENV", "qa");
        assertThat(hushIn(below, "", "status").out()).containsPattern("environment +qa +\\(HUSH_ENV\\)");
        env.remove("HUSH_ENV");
        assertThat(hushIn(below, "", "status", "--env", "prod").out()).containsPattern("environment +prod +\\(flag\\)");

        ok("org", "create", "grace-team", "--name", "Grace's team");
        assertThat(ok("org", "list").out()).contains("* ", "grace-team", "owner");
        CliRun wrongOrg = hush("org", "use", "grace-tema");
        assertThat(wrongOrg.code()).isEqualTo(4);
        assertThat(wrongOrg.err()).contains("grace, grace-team").contains("did you mean grace-team?");
        ok("org", "use", "grace");
    }

    @Test
    @Order(4)
    void importADotEnv_andRunTheApp_withTheProjectFilesEnvironment() throws IOException {
        Files.writeString(project.resolve(".env"), "DATABASE_URL=postgres://daily:canary-dev@db/app\nAPI_KEY=key-one\nLOG_LEVEL=debug\n");
        assertThat(ok("secrets", "import", ".env").err()).as("a relative path, from the project folder").contains("3 created");
        Path out = project.resolve("run.txt");
        ok("run", "--", "sh", "-c", "echo \"$DATABASE_URL|$API_KEY\" > run.txt");
        assertThat(Files.readString(out)).isEqualTo("postgres://daily:canary-dev@db/app|key-one\n");

        ok("run", "--command", "echo \"$LOG_LEVEL\" > run.txt");
        assertThat(Files.readString(out)).isEqualTo("debug\n");

        env.put("LOG_LEVEL", "warn");
        env.put("API_KEY", "local-key");
        ok("run", "--preserve-env=LOG_LEVEL", "--command", "echo \"$LOG_LEVEL|$API_KEY\" > run.txt");
        assertThat(Files.readString(out)).as("only the named key keeps its local value").isEqualTo("warn|key-one\n");
        ok("run", "--preserve-env", "--command", "echo \"$LOG_LEVEL|$API_KEY\" > run.txt");
        assertThat(Files.readString(out)).isEqualTo("warn|local-key\n");
        env.remove("LOG_LEVEL");
        env.remove("API_KEY");

        ok("run", "--name-transform", "camel", "--command", "echo \"$databaseUrl|${DATABASE_URL:-gone}\" > run.txt");
        assertThat(Files.readString(out)).isEqualTo("postgres://daily:canary-dev@db/app|gone\n");
        ok("run", "--name-transform", "tf-var", "--command", "echo \"$TF_VAR_api_key\" > run.txt");
        assertThat(Files.readString(out)).isEqualTo("key-one\n");

        // --mount: a 0600 file only the command sees (its values not in the environment), gone afterwards.
        ok("run", "--mount", "secrets.env", "--command",
                "stat -c %a \"$HUSH_SECRETS_FILE\" > run.txt; cat \"$HUSH_SECRETS_FILE\" >> run.txt; echo \"${API_KEY:-not-in-env}\" >> run.txt");
        assertThat(Files.readString(out)).startsWith("600\n").contains("API_KEY='key-one'", "DATABASE_URL=").endsWith("not-in-env\n");
        assertThat(project.resolve("secrets.env")).doesNotExist();
        // --mount-pipe: a named pipe, read twice, never a file with the values on disk.
        ok("run", "--mount", "secrets.json", "--mount-format", "json", "--mount-pipe", "--command",
                "test -p \"$HUSH_SECRETS_FILE\" && cat \"$HUSH_SECRETS_FILE\" > run.txt && cat \"$HUSH_SECRETS_FILE\" >> run.txt");
        String twice = Files.readString(out);
        assertThat(Api.JSON.readTree(twice.substring(0, twice.indexOf('}') + 1)).get("API_KEY").asText()).isEqualTo("key-one");
        assertThat(twice.indexOf("key-one")).isNotEqualTo(twice.lastIndexOf("key-one"));
        assertThat(project.resolve("secrets.json")).doesNotExist();

        assertThat(hush("run").err()).contains("no command");
        assertThat(hush("run", "--command", "true", "--", "true").code()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void theSnapshotIsEncrypted_andAnUnchangedEnvironmentIsNotSentAgain() throws Exception {
        Path snapshots = dir.resolve("config/snapshots");
        List<Path> files;
        try (Stream<Path> s = Files.list(snapshots)) {
            files = s.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(Files.getPosixFilePermissions(snapshots)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(files.get(0))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String bytes = new String(Files.readAllBytes(files.get(0)), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("canary-dev").doesNotContain("key-one").doesNotContain("API_KEY");
        assertThat(Files.getPosixFilePermissions(dir.resolve("config/snapshot.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // An unchanged environment: the server answers 304, so no value is read and no access is counted.
        Api api = tokenApi();
        long before = accessCount(api, "API_KEY");
        ok("run", "--", "true");
        ok("run", "--", "true");
        Thread.sleep(1500); // access statistics are written about once a second
        assertThat(accessCount(api, "API_KEY")).isEqualTo(before);
        // A change is seen on the next run.
        assertThat(api.put("/v1/secrets/grace/web/dev", Map.of("key", "API_KEY", "value", "key-two")).status()).isEqualTo(200);
        ok("run", "--command", "echo \"$API_KEY\" > run.txt");
        assertThat(Files.readString(project.resolve("run.txt"))).isEqualTo("key-two\n");
    }

    @Test
    @Order(6)
    void diffTwoEnvironments_promoteRefusesDrift_historyShowsWho_andRestoreBringsAVersionBack() throws IOException {
        Api api = tokenApi();
        assertThat(api.put("/v1/secrets/grace/web/prod", Map.of("key", "API_KEY", "value", "key-prod")).status()).isEqualTo(200);
        assertThat(api.put("/v1/secrets/grace/web/prod", Map.of("key", "PROD_ONLY", "value", "p")).status()).isEqualTo(200);
        CliRun diff = ok("diff", "dev", "prod");
        assertThat(diff.out()).contains("- DATABASE_URL  (only in dev)", "- LOG_LEVEL  (only in dev)", "+ PROD_ONLY  (only in prod)",
                "~ API_KEY  (value differs)").doesNotContain("key-two").doesNotContain("key-prod");
        assertThat(Api.JSON.readTree(ok("--json", "diff", "dev", "prod").out()).get("onlyInTo").toString()).isEqualTo("[\"PROD_ONLY\"]");
        CliRun typo = hush("diff", "dev", "prdo");
        assertThat(typo.err()).contains("no environment 'prdo' in project web: dev, qa, staging, prod (did you mean prod?)");

        CliRun refused = hush("secrets", "promote", "--from", "dev", "--to", "prod");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("PROD_ONLY", "--force");
        assertThat(ok("secrets", "promote", "--from", "dev", "--to", "prod", "--force").err()).contains("Promoted 3");

        CliRun history = ok("secrets", "history", "API_KEY");
        assertThat(history.out()).contains("grace@example.com").doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-");
        // A reference, set from the CLI and resolved by the server for the run (the value stays a reference).
        ok("secrets", "set", "PROD_URL", "${prod.PROD_ONLY}-${API_KEY}");
        ok("run", "--command", "echo \"$PROD_URL\" > run.txt");
        assertThat(Files.readString(project.resolve("run.txt"))).isEqualTo("p-key-two\n");
        assertThat(tokenApi().get("/v1/secrets/grace/web/dev?keys=PROD_URL&resolve=false").body().at("/secrets/0/value").asText())
                .isEqualTo("${prod.PROD_ONLY}-${API_KEY}");
        CliRun cycle = hush("secrets", "set", "PROD_ONLY", "${dev.PROD_URL}", "--env", "prod");
        assertThat(cycle.code()).isEqualTo(1);
        assertThat(cycle.err()).contains("cycle", "web/prod/PROD_ONLY -> web/dev/PROD_URL -> web/prod/PROD_ONLY");

        CliRun restored = ok("secrets", "restore", "API_KEY", "1");
        assertThat(restored.err()).contains("now version 3");
        assertThat(ok("secrets", "get", "API_KEY").out()).isEqualTo("key-one\n");
    }

    @Test
    @Order(7)
    void tokens_createdOnce_scoped_listed_andRevokedByName() throws IOException {
        CliRun created = hushIn(project, PASSWORD + "\n", "token", "create", "ci-read", "--project", "web", "--read-only", "--expires-in-days", "30",
                "--password-stdin");
        assertThat(created.code()).as(created.err()).isZero();
        String ci = created.out().strip();
        assertThat(ci).startsWith("hush_tok_");
        assertThat(created.err()).contains("shown this once");
        Api ciApi = Api.anonymous(server.base).withToken(ci);
        assertThat(ciApi.get("/v1/secrets/grace/web/dev").status()).isEqualTo(200);
        assertThat(ciApi.put("/v1/secrets/grace/web/dev", Map.of("key", "X", "value", "y")).status()).as("read only").isEqualTo(403);
        assertThat(ok("token", "list").out()).contains("ci-read", "projects [web]", "[read]").doesNotContain(ci);
        assertThat(hush("token", "revoke", "ci-reed").err()).contains("did you mean ci-read?");
        assertThat(hush("token", "revoke", "ci-read").err()).as("another token: from a session").contains("no terminal to ask for the password");
        CliRun revoked = hushIn(project, PASSWORD + "\n", "token", "revoke", "ci-read", "--password-stdin");
        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(ciApi.get("/v1/secrets/grace/web/dev").status()).isEqualTo(401);
    }

    @Test
    @Order(8)
    void errors_areJsonWithJson_namesAndChoicesOtherwise_neverJavaExceptions() throws IOException {
        CliRun json = hush("--json", "run", "--env", "stagin", "--", "true");
        assertThat(json.code()).isEqualTo(4);
        JsonNode error = Api.JSON.readTree(json.out()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("environment_not_found");
        assertThat(error.get("message").asText()).contains("did you mean staging?");
        CliRun usage = hush("--json", "secrets", "sett");
        assertThat(Api.JSON.readTree(usage.out()).at("/error/code").asText()).isEqualTo("usage");
        CliRun typo = hush("projetc", "list");
        assertThat(typo.err()).contains("unknown command 'projetc'; did you mean project");
        CliRun noProject = hush("secrets", "list", "--project", "wbe");
        assertThat(noProject.err()).contains("no project 'wbe' in organization grace: web (did you mean web?)");
        CliRun missingFile = hush("secrets", "import", "nope.env");
        assertThat(missingFile.err()).contains("no such file").doesNotContain("Exception");
        assertThat(ok("secrets", "set", "--help").out()).contains("Example:", "without echo");
        // --json on a command that otherwise only says what it did.
        assertThat(Api.JSON.readTree(ok("--json", "org", "use", "grace").out()).get("done").asText()).isEqualTo("org_chosen");
    }

    @Test
    @Order(9)
    void watch_restartsTheCommandWhenAValueChanges() throws Exception {
        Path log = project.resolve("watch.txt");
        Files.deleteIfExists(log);
        CompletableFuture<CliRun> watching = CompletableFuture.supplyAsync(() -> hush("run", "--watch", "--command",
                "echo \"$API_KEY\" >> watch.txt; if [ \"$API_KEY\" = key-watched ]; then exit 0; fi; sleep 60"));
        for (int i = 0; i < 100 && (!Files.exists(log) || Files.readString(log).isEmpty()); i++) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(log)).isEqualTo("key-one\n");
        assertThat(tokenApi().put("/v1/secrets/grace/web/dev", Map.of("key", "API_KEY", "value", "key-watched")).status()).isEqualTo(200);
        CliRun watched = watching.get(30, TimeUnit.SECONDS);
        assertThat(watched.code()).as(watched.err()).isZero();
        assertThat(watched.err()).as("PROD_URL refers to API_KEY").contains("dev changed (API_KEY, PROD_URL); restarting the command");
        assertThat(Files.readString(log)).isEqualTo("key-one\nkey-watched\n");
    }

    /** Without the change feed (a proxy that refuses /events, as some corporate proxies do), --watch polls with the ETag. */
    @Test
    @Order(9)
    void watch_withoutTheChangeFeed_polls_andStillRestarts() throws Exception {
        com.sun.net.httpserver.HttpServer proxy = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        proxy.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().endsWith("/events")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                var forward = java.net.http.HttpRequest.newBuilder(server.base.resolve(exchange.getRequestURI().toString()))
                        .method(exchange.getRequestMethod(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
                for (String h : List.of("Authorization", "Content-Type", "Accept", "If-None-Match")) {
                    String v = exchange.getRequestHeaders().getFirst(h);
                    if (v != null) {
                        forward.header(h, v);
                    }
                }
                var answer = http.send(forward.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
                answer.headers().firstValue("ETag").ifPresent(v -> exchange.getResponseHeaders().add("ETag", v));
                byte[] body = answer.body();
                exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        proxy.start();
        try {
            Path log = project.resolve("poll.txt");
            Files.deleteIfExists(log);
            String via = "http://127.0.0.1:" + proxy.getAddress().getPort();
            CompletableFuture<CliRun> watching = CompletableFuture.supplyAsync(() -> hush("--api-url", via, "run", "--watch", "--watch-interval", "1",
                    "--command", "echo \"$LOG_LEVEL\" >> poll.txt; if [ \"$LOG_LEVEL\" = polled ]; then exit 0; fi; sleep 60"));
            for (int i = 0; i < 100 && (!Files.exists(log) || Files.readString(log).isEmpty()); i++) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).isEqualTo("debug\n");
            assertThat(tokenApi().put("/v1/secrets/grace/web/dev", Map.of("key", "LOG_LEVEL", "value", "polled")).status()).isEqualTo(200);
            CliRun watched = watching.get(30, TimeUnit.SECONDS);
            assertThat(watched.code()).as(watched.err()).isZero();
            assertThat(watched.err()).contains("dev changed (LOG_LEVEL); restarting the command");
            assertThat(Files.readString(log)).isEqualTo("debug\npolled\n");
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    @Order(10)
    void withTheServerStopped_fallbackRunsFromTheSnapshot_andSaysSo() throws IOException {
        ok("run", "--", "true");
        server.close();
        CliRun down = hush("run", "--", "true");
        assertThat(down.code()).isEqualTo(5);
        assertThat(down.err()).contains("cannot connect");
        CliRun fallback = hush("run", "--fallback", "--command", "echo \"$API_KEY\" > run.txt");
        assertThat(fallback.code()).as(fallback.err()).isZero();
        assertThat(fallback.err()).contains("cannot connect").containsPattern("running with the snapshot of dev from \\d+ s ago");
        assertThat(Files.readString(project.resolve("run.txt"))).isEqualTo("key-watched\n");
        CliRun offline = hush("run", "--fallback-only", "--command", "echo \"$DATABASE_URL\" > run.txt");
        assertThat(offline.code()).isZero();
        assertThat(Files.readString(project.resolve("run.txt"))).isEqualTo("postgres://daily:canary-dev@db/app\n");
        CliRun tooOld = hush("run", "--fallback-only", "--fallback-max-age", "0s", "--", "true");
        assertThat(tooOld.code()).isEqualTo(4);
        assertThat(tooOld.err()).contains("more than --fallback-max-age 0s");
        CliRun never = hush("run", "--fallback-only", "--env", "staging", "--", "true");
        assertThat(never.err()).contains("no snapshot of staging");
    }

    private Api tokenApi() throws IOException {
        String token = Api.JSON.readTree(Files.readString(dir.resolve("config/config.json"))).get("token").asText();
        return Api.anonymous(server.base).withToken(token);
    }

    private static long accessCount(Api api, String key) {
        return api.get("/v1/secrets/grace/web/dev/keys?keys=" + key).body().at("/secrets/0/accessCount").asLong();
    }
}
