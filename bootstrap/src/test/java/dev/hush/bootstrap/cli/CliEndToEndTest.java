package dev.hush.bootstrap.cli;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.CliRun;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.cli.HushCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The CLI's "done when", run as a user would (the same entry point as the hush command) against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliEndToEndTest {
    Path dir;
    TestServer server;
    String token;
    String org;
    final Map<String, String> env = new HashMap<>();

    CliRun hushWithInput(String stdin, String... args) { return CliRun.run(env, Path.of(System.getProperty("user.dir")), stdin, args); }

    CliRun hush(String... args) { return hushWithInput("", args); }

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("hush-cli");
        server = TestServer.start(dir.resolve("data"));
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = session.post("/v1/auth/register", Map.of("email", "cli@example.com", "password", "cli password 1234"));
        org = reg.body().at("/org/slug").asText();
        assertThat(session.post("/v1/orgs", Map.of("name", "Second", "slug", "second-org")).status()).isEqualTo(201);
        token = session.post("/v1/auth/token", Map.of("name", "cli")).body().get("token").asText();
        env.put("HUSH_CONFIG_DIR", dir.resolve("config").toString());
        env.put("PATH", System.getenv("PATH"));
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        TestFiles.deleteTree(dir);
    }

    @Test
    @Order(1)
    void login_withAToken_storesItOwnerOnly_andWhoamiAnswers() throws IOException {
        CliRun literal = hush("login", "--api-url", server.base.toString(), "--token", token);
        assertThat(literal.code()).as(literal.err()).isZero();
        assertThat(literal.err()).as("a token on the command line shows in ps: the CLI says so").contains("visible to other users (ps)");
        // The way the README recommends: the token from standard input, never in the process list.
        CliRun login = hushWithInput(token + "\n", "login", "--api-url", server.base.toString(), "--token", "-");
        assertThat(login.code()).as(login.err()).isZero();
        assertThat(login.err()).contains("Logged in to").contains("cli@example.com");
        assertThat(login.err()).doesNotContain(token);
        Path config = dir.resolve("config").resolve("config.json");
        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(config.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        CliRun who = hush("whoami", "--json");
        assertThat(who.code()).isZero();
        assertThat(Api.JSON.readTree(who.out()).at("/user/email").asText()).isEqualTo("cli@example.com");
        assertThat(hush("org", "use", "no-such-org").code()).isEqualTo(4);
        assertThat(hush("org", "use", org).code()).isZero();
        assertThat(hush("session", "org", "set", org).code()).as("the Crate alias").isZero();
    }

    @Test
    @Order(2)
    void set_get_list_withTagsInDevAndProd_valuesNeverInListsOrConfig() throws IOException {
        assertThat(hush("secrets", "set", "DATABASE_URL", "postgres://cli:canary-dev@db/app", "--env", "dev", "--tags", "backend,db").code()).isZero();
        assertThat(hush("secrets", "set", "FRONTEND_KEY", "pk_canary_front", "--env", "dev", "--tags", "frontend").code()).isZero();
        assertThat(hush("secrets", "set", "DATABASE_URL", "postgres://cli:canary-prod@db/app", "--env", "prod", "--tags", "backend").code()).isZero();
        assertThat(hushWithInput("-----BEGIN KEY-----\n" + "k".repeat(2000) + "\n-----END KEY-----\n", "secrets", "set", "SSH_KEY", "-", "--purpose", "SSHKey").code())
                .as("a long value from stdin goes sealed too (longer than RSA-OAEP alone could hold)").isZero();
        CliRun get = hush("secrets", "get", "DATABASE_URL", "--env", "dev");
        assertThat(get.out()).isEqualTo("postgres://cli:canary-dev@db/app\n");
        assertThat(hush("secrets", "get", "SSH_KEY").out()).startsWith("-----BEGIN KEY-----\nkkk").endsWith("-----END KEY-----\n");
        CliRun list = hush("secrets", "list", "--json");
        JsonNode rows = Api.JSON.readTree(list.out());
        assertThat(rows).extracting(r -> r.get("key").asText()).containsExactly("DATABASE_URL", "FRONTEND_KEY", "SSH_KEY");
        assertThat(list.out()).doesNotContain("canary").doesNotContain("kkkk");
        assertThat(hush("secrets", "list").out()).contains("KEY").contains("backend,db").doesNotContain("canary");
        assertThat(Files.readString(dir.resolve("config").resolve("config.json"))).doesNotContain("canary");
        assertThat(hush("secrets", "history", "DATABASE_URL").out()).contains("VERSION");
        assertThat(hush("secrets", "get", "NOPE").code()).isEqualTo(4);
        // The server was sent sealed values only: its audit shows sets, and the access count shows the sealed reads.
        Api api = Api.anonymous(server.base).withToken(token);
        // Access statistics are written once a second: wait for them.
        long accesses = 0;
        for (int i = 0; i < 50 && accesses == 0; i++) {
            accesses = api.get("/v1/secrets/" + org + "/default/dev/keys?keys=DATABASE_URL").body().at("/secrets/0/accessCount").asLong();
            if (accesses == 0) {
                sleep(100);
            }
        }
        assertThat(accesses).isPositive();
    }

    /** Red-team finding 7 in the CLI: invite, list, revoke (the token stops working), remove. */
    @Test
    @Order(2)
    void members_invite_list_revoke() throws IOException {
        assertThat(hush("org", "use", org).code()).isZero();
        CliRun invited = hush("members", "invite", "helper@example.com", "--role", "admin");
        assertThat(invited.code()).as(invited.err()).isZero();
        CliRun list = hush("--json", "members", "list");
        assertThat(list.code()).as(list.err()).isZero();
        var roster = Api.JSON.readTree(list.out());
        assertThat(roster.at("/invites/0/email").asText()).isEqualTo("helper@example.com");
        String inviteId = roster.at("/invites/0/id").asText();
        assertThat(hush("members", "list").out()).contains("helper@example.com (invited");

        CliRun revoked = hush("members", "revoke", inviteId);
        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(Api.JSON.readTree(hush("--json", "members", "list").out()).get("invites")).isEmpty();
        assertThat(hush("members", "revoke", inviteId).code()).as("revoked already: not found").isEqualTo(4);
        assertThat(hush("members", "remove", "nobody@example.com").code()).isEqualTo(4);
    }

    @Test
    @Order(3)
    void run_injectsOnlyTaggedSecrets_overTheInheritedEnvironment_andReturnsTheExitCode() throws IOException {
        Path out = dir.resolve("run.txt");
        env.put("DATABASE_URL", "inherited-and-overridden");
        env.put("INHERITED", "kept");
        CliRun run = hush("run", "--env", "dev", "--tags", "backend", "--", "sh", "-c",
                "echo \"$DATABASE_URL|${FRONTEND_KEY:-unset}|$INHERITED\" > " + out + "; exit 7");
        env.remove("DATABASE_URL");
        env.remove("INHERITED");
        assertThat(run.code()).isEqualTo(7);
        assertThat(Files.readString(out)).isEqualTo("postgres://cli:canary-dev@db/app|unset|kept\n");
        assertThat(hush("run", "--env", "prod", "--", "sh", "-c", "test \"$DATABASE_URL\" = postgres://cli:canary-prod@db/app").code()).isZero();
        assertThat(hush("run", "--", "no-such-command-anywhere").code()).isEqualTo(127);
    }

    @Test
    @Order(4)
    void aTwoHundredLineDotEnv_importsAndExportsAgain_withQuotingIntact() throws IOException {
        StringBuilder file = new StringBuilder("# exported from somewhere\n");
        file.append("export FIRST=plain value # comment\n");
        file.append("QUOTED=\"say \\\"hi\\\" \\$HOME\"\n");
        file.append("SINGLE='it has \"double\" quotes'\n");
        file.append("MULTI=\"line one\nline two\"\n");
        file.append("EMPTY=\n");
        for (int i = 0; file.toString().split("\n", -1).length <= 200; i++) {
            file.append("KEY_").append(i).append("=value-").append(i).append('\n');
        }
        Path dotenv = Files.writeString(dir.resolve("big.env"), file.toString());
        assertThat(Files.readAllLines(dotenv)).hasSize(200);
        CliRun imported = hush("secrets", "import", dotenv.toString(), "--env", "staging");
        assertThat(imported.code()).as(imported.err()).isZero();
        CliRun exported = hush("secrets", "export", "--env", "staging");
        assertThat(exported.code()).isZero();
        Map<String, String> original = parse(file.toString());
        assertThat(parse(exported.out())).isEqualTo(original);
        assertThat(original).containsEntry("QUOTED", "say \"hi\" $HOME").containsEntry("MULTI", "line one\nline two")
                .containsEntry("FIRST", "plain value").containsEntry("EMPTY", "");
        // Exported again and imported again: nothing changes.
        Path again = Files.writeString(dir.resolve("again.env"), exported.out());
        assertThat(hush("secrets", "import", again.toString(), "--env", "staging").err()).contains(original.size() + " unchanged");
        JsonNode json = Api.JSON.readTree(hush("secrets", "export", "--env", "staging", "--format", "json").out());
        assertThat(json.get("MULTI").asText()).isEqualTo("line one\nline two");
        assertThat(hush("secrets", "export", "--env", "staging", "--format", "yaml").out()).contains("MULTI: \"line one\\nline two\"");
    }

    /**
     * Issue 14: the CLI seals writes to the organization's X25519 key. Proof: with the RSA public key the server
     * publishes swapped for one whose private key it does not have, set and import still work.
     */
    @Test
    @Order(4)
    void setAndImport_sealToTheX25519Key_theServerNeedsNoRsaDecryption() throws Exception {
        Api api = Api.anonymous(server.base).withToken(token);
        java.util.UUID orgId = java.util.UUID.fromString(api.get("/v1/orgs/" + org + "/public-key").body().get("orgId").asText());
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(3072);
        byte[] unopenable = rsa.generateKeyPair().getPublic().getEncoded();
        byte[] original = swapRsaPublicKey(orgId, unopenable);
        try {
            assertThat(api.get("/v1/orgs/" + org + "/public-key").body().get("publicKeyPem").asText())
                    .contains(java.util.Base64.getEncoder().encodeToString(unopenable).substring(0, 40));
            CliRun set = hush("secrets", "set", "X25519_ONLY", "x25519-canary-value", "--env", "prod");
            assertThat(set.code()).as(set.err()).isZero();
            Path dotenv = Files.writeString(dir.resolve("x25519.env"), "X25519_A=a-value\nX25519_B=\"b value\"\n");
            CliRun imported = hush("secrets", "import", dotenv.toString(), "--env", "prod");
            assertThat(imported.code()).as(imported.err()).isZero();
            assertThat(hush("secrets", "get", "X25519_ONLY", "--env", "prod").out()).isEqualTo("x25519-canary-value\n");
            assertThat(parse(hush("secrets", "export", "--env", "prod").out())).containsEntry("X25519_A", "a-value").containsEntry("X25519_B", "b value");
        } finally {
            swapRsaPublicKey(orgId, original);
        }
    }

    /** Replaces the current RSA public key of {@code orgId}; returns the one it had. */
    byte[] swapRsaPublicKey(java.util.UUID orgId, byte[] spki) {
        @SuppressWarnings("unchecked")
        io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx = server.context.getBean(io.micronaut.transaction.TransactionOperations.class);
        return tx.executeWrite(status -> {
            byte[] before;
            try (var ps = status.getConnection().prepareStatement(
                    "SELECT public_key FROM org_key_pairs WHERE org_id = ? ORDER BY version DESC LIMIT 1 FOR UPDATE")) {
                ps.setObject(1, orgId);
                try (var rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    before = rs.getBytes(1);
                }
            }
            try (var ps = status.getConnection().prepareStatement(
                    "UPDATE org_key_pairs SET public_key = ? WHERE org_id = ? AND version = (SELECT max(version) FROM org_key_pairs WHERE org_id = ?)")) {
                ps.setBytes(1, spki);
                ps.setObject(2, orgId);
                ps.setObject(3, orgId);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            return before;
        });
    }

    static Map<String, String> parse(String dotenv) {
        return new java.util.TreeMap<>(dev.hush.domain.secret.DotEnv.parse(dotenv));
    }

    @Test
    @Order(5)
    void errors_areOneClearLine_withTheDocumentedExitCode() {
        env.put("HUSH_TOKEN", "hush_tok_" + "x".repeat(43));
        CliRun bad = hush("secrets", "list");
        env.remove("HUSH_TOKEN");
        assertThat(bad.code()).isEqualTo(3);
        assertThat(bad.err().lines().toList()).hasSize(1);
        assertThat(bad.err()).startsWith("hush: not logged in, or the token is invalid").doesNotContain("Exception").doesNotContain("\tat ");
        CliRun offline = hush("--api-url", "http://127.0.0.1:1", "secrets", "list");
        assertThat(offline.code()).isEqualTo(5);
        assertThat(offline.err()).startsWith("hush: cannot connect");
        assertThat(hush("secrets", "frobnicate").code()).isEqualTo(2);
        assertThat(hush("secrets", "export", "--format", "xml").code()).isEqualTo(2);
        CliRun invalid = hush("secrets", "set", "9-not-a-key", "v");
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.err()).contains("validation_failed");
        assertThat(hush("completion", "bash").out()).contains("complete -F");
        assertThat(hush("completion", "zsh").out()).contains("bashcompinit");
    }

    @Test
    @Order(6)
    void loginWithoutAToken_goesThroughTheDashboardHandoff() throws Exception {
        Map<String, String> otherEnv = new HashMap<>(env);
        otherEnv.put("HUSH_CONFIG_DIR", dir.resolve("config-handoff").toString());
        java.io.PipedOutputStream pipe = new java.io.PipedOutputStream();
        java.io.BufferedReader prompts = new java.io.BufferedReader(new java.io.InputStreamReader(new java.io.PipedInputStream(pipe), StandardCharsets.UTF_8));
        PrintStream err = new PrintStream(pipe, true, StandardCharsets.UTF_8);
        var login = java.util.concurrent.CompletableFuture.supplyAsync(() -> HushCli.run(new String[] {"login", "--api-url", server.base.toString()},
                otherEnv, new PrintStream(new ByteArrayOutputStream()), err, new ByteArrayInputStream(new byte[0])));
        String prompt = prompts.readLine();
        String userCode = prompt.substring(prompt.lastIndexOf(' ') + 1);
        assertThat(prompt).startsWith("Open " + server.base + "/device?code=" + userCode + " ").contains("approve the code");
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(session.post("/v1/auth/login", Map.of("email", "cli@example.com", "password", "cli password 1234")).status()).isEqualTo(200);
        assertThat(session.post("/v1/auth/cli-auth/approve", Map.of("userCode", userCode, "name", "cli handoff")).status()).isEqualTo(204);
        assertThat(login.get(60, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        assertThat(Files.readString(dir.resolve("config-handoff").resolve("config.json"))).contains("hush_tok_");
    }

    @Test
    @Order(7)
    void logout_revokesTheTokenOnTheServer() {
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        session.post("/v1/auth/login", Map.of("email", "cli@example.com", "password", "cli password 1234"));
        String ciToken = session.post("/v1/auth/token", Map.of("name", "ci")).body().get("token").asText();
        env.put("HUSH_TOKEN", ciToken);
        assertThat(hush("logout").code()).isZero();
        env.remove("HUSH_TOKEN");
        assertThat(Api.anonymous(server.base).withToken(ciToken).get("/v1/auth/me").status()).as("a token from the environment is left alone")
                .isEqualTo(200);
        assertThat(Api.anonymous(server.base).withToken(token).get("/v1/auth/me").status()).isEqualTo(401);
        assertThat(hush("secrets", "list").code()).isEqualTo(3);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
