package dev.hush.bootstrap.api.secret;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.LogCapture;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The foundation's "done when", driven over HTTP as a new user would, against one database. Subclasses
 * choose the database (the embedded default, an external PostgreSQL).
 *
 * <p>One server per class; every test makes its own account, organization and project ({@link #newTeam()}),
 * so the tests run in any order or alone. Every secret value, token and password a test writes is noted as a
 * canary; once all tests are done the server is stopped and its files, its database and the captured logs
 * are searched for them ({@link #stopAndSearchForCanaries()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecretsFlowContract {
    static final String DEV_VALUE = "postgres://dev-user:dev-canary-7f3a@db.dev/app";
    static final String PROD_VALUE = "postgres://prod-user:prod-canary-91be@db.prod/app";
    static final String STRIPE_VALUE = "sk_test_dev_canary_0042";
    static final String PASSWORD = "correct horse battery staple";

    Path dataDir;
    TestServer server;
    LogCapture logs;
    /** Values, tokens and passwords no file, database page or log line may hold in clear. */
    final Set<String> canaries = new LinkedHashSet<>();
    private final AtomicInteger accounts = new AtomicInteger();
    private boolean started;

    abstract TestServer startServer(Path dataDir);

    /** Subclasses whose database lives outside the data dir dump it and search the dump. */
    void assertNoCanaryInDatabase() throws IOException {}

    /** Subclasses that run a database of their own stop it here, after it has been searched. */
    void stopDatabase() {}

    @BeforeAll
    void start() throws IOException {
        logs = new LogCapture();
        dataDir = Files.createTempDirectory("hush-flow").resolve("hush-data");
        server = startServer(dataDir);
        started = true;
        // The first account of an instance is its platform admin; take that place here, so no test's
        // account is an admin or not depending on which test runs first.
        newAccount("admin");
    }

    @AfterAll
    void stopAndSearchForCanaries() throws IOException {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
            if (started) {
                canaries.add(PASSWORD);
                assertNoCanaryIn(dataDir);
                assertNoCanaryInDatabase();
                String logged = logs.all();
                assertThat(logged).as("the run logged something").isNotEmpty();
                for (String canary : canaries) {
                    assertThat(logged).as("logs must not contain a secret, token or password").doesNotContain(canary);
                }
            }
        } finally {
            stopDatabase();
            TestFiles.deleteTree(dataDir.getParent());
            logs.close();
        }
    }

    void assertNoCanaryIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String canary : canaries) {
                    assertThat(content).as("%s must not contain a secret, token or password in clear", f).doesNotContain(canary);
                }
            }
        }
    }

    // ---- fixtures: each test makes its own; nothing is carried from one test to another ----

    /**
     * A registered user with the personal organization made at registration, a session and a token.
     * {@code session} is the registration's cookie session and sends X-Requested-With; {@code owner} uses
     * the token.
     */
    record Account(String email, String orgId, String org, Api session, String token, Api owner) {
        /** A path under project {@code web} of this organization: {@code s("dev")} is its dev environment. */
        String s(String path) { return "/v1/secrets/" + org + "/web/" + path; }
    }

    /** A new user ({@code <name>-<n>@example.com}, password {@link #PASSWORD}) with its organization and a token. */
    Account newAccount(String name) {
        String email = name + "-" + accounts.incrementAndGet() + "@example.com";
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = session.post("/v1/auth/register", Map.of("email", email, "password", PASSWORD, "name", name));
        assertThat(reg.status()).as(reg.raw().body()).isEqualTo(201);
        var minted = session.post("/v1/auth/token", Map.of("name", "cli"));
        assertThat(minted.status()).as(minted.raw().body()).isEqualTo(201);
        String token = minted.body().get("token").asText();
        canaries.add(token);
        return new Account(email, reg.body().at("/org/id").asText(), reg.body().at("/org/slug").asText(), session, token,
                Api.anonymous(server.base).withToken(token));
    }

    /** {@link #newAccount} plus project {@code web}, with its default environments dev, staging and prod. */
    Account newTeam() {
        Account a = newAccount("ada");
        var p = a.owner().post("/v1/projects/" + a.orgId(), Map.of("name", "Web", "slug", "web"));
        assertThat(p.status()).as(p.raw().body()).isEqualTo(201);
        return a;
    }

    /**
     * Sets DATABASE_URL (tags backend, db) and STRIPE_KEY (tag billing, an APIKey) in dev, and DATABASE_URL
     * (tag backend) in prod, each at version 1.
     */
    void seed(Account t) {
        canaries.addAll(List.of(DEV_VALUE, PROD_VALUE, STRIPE_VALUE));
        assertThat(t.owner().put(t.s("dev"), Map.of("key", "DATABASE_URL", "value", DEV_VALUE, "tags", List.of("backend", "db"))).status())
                .isEqualTo(200);
        assertThat(t.owner().put(t.s("dev"), Map.of("key", "STRIPE_KEY", "value", STRIPE_VALUE, "tags", List.of("billing"),
                "purposeType", "APIKey")).status()).isEqualTo(200);
        var prod = t.owner().put(t.s("prod"), Map.of("key", "DATABASE_URL", "value", PROD_VALUE, "tags", List.of("backend")));
        assertThat(prod.status()).isEqualTo(200);
        assertThat(prod.body().get("version").asInt()).isEqualTo(1);
    }

    /** BULK_0 .. BULK_49, values bulk-value-i, tag bulk. */
    static List<Map<String, Object>> fiftyBulk() {
        List<Map<String, Object>> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(Map.of("key", "BULK_" + i, "value", "bulk-value-" + i, "tags", List.of("bulk")));
        }
        return fifty;
    }

    /** Imports {@link #fiftyBulk()} into dev. */
    static void importFifty(Account t) {
        var ok = t.owner().post(t.s("dev/bulk"), Map.of("secrets", fiftyBulk()));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        assertThat(ok.body().get("created").asInt()).isEqualTo(50);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- accounts, sessions and tokens ----

    @Test
    void register_newEmail_startsHttpOnlyLaxSession_andLoginIgnoresEmailCase() {
        Api cookies = Api.withCookies(server.base);
        var reg = cookies.post("/v1/auth/register", Map.of("email", "grace@example.com", "password", PASSWORD, "name", "Grace"));
        assertThat(reg.status()).isEqualTo(201);
        assertThat(reg.header("set-cookie")).contains("__hush_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");

        Api fresh = Api.withCookies(server.base);
        assertThat(fresh.post("/v1/auth/login", Map.of("email", "grace@example.com", "password", "wrong password!")).code())
                .isEqualTo("invalid_credentials");
        assertThat(fresh.post("/v1/auth/login", Map.of("email", "GRACE@example.com", "password", PASSWORD)).status()).isEqualTo(200);
        assertThat(fresh.get("/v1/auth/me").body().at("/orgs/0/role").asText()).isEqualTo("owner");
    }

    @Test
    void mintToken_withoutCsrfHeaderOrFromAnotherOrigin_isForbidden() {
        Account a = newAccount("ada");
        Api fresh = Api.withCookies(server.base);
        assertThat(fresh.post("/v1/auth/login", Map.of("email", a.email(), "password", PASSWORD)).status()).isEqualTo(200);

        // CSRF rule: a cookie-authenticated mutation without X-Requested-With is refused.
        var noCsrf = fresh.post("/v1/auth/token", Map.of("name", "cli"));
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(noCsrf.raw().headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        // ... and so is one from another site's page (Origin of a different host), even with the header.
        Api crossSite = Api.withCookies(server.base);
        crossSite.post("/v1/auth/login", Map.of("email", a.email(), "password", PASSWORD));
        var evil = crossSite.header("X-Requested-With", "hush").header("Origin", "https://evil.example").post("/v1/auth/token", Map.of("name", "x"));
        assertThat(evil.status()).isEqualTo(403);
        // The same host and port over the other scheme is another origin (red-team finding 17).
        var otherScheme = crossSite.header("X-Requested-With", "hush").header("Origin", "https://127.0.0.1:" + server.base.getPort())
                .post("/v1/auth/token", Map.of("name", "x"));
        assertThat(otherScheme.status()).isEqualTo(403);
        var sameSite = crossSite.header("X-Requested-With", "hush").header("Origin", server.base.toString());
        var created = fresh.header("X-Requested-With", "hush").post("/v1/auth/token", Map.of("name", "cli"));
        assertThat(created.status()).isEqualTo(201);
        String token = created.body().get("token").asText();
        canaries.add(token);
        var sameOrigin = sameSite.post("/v1/auth/token", Map.of("name", "same-origin"));
        assertThat(sameOrigin.status()).isEqualTo(201);
        canaries.add(sameOrigin.body().get("token").asText());

        assertThat(token).startsWith("hush_tok_").hasSize("hush_tok_".length() + 43);
        assertThat(Api.anonymous(server.base).withToken(token).get("/v1/auth/me").body().at("/user/email").asText()).isEqualTo(a.email());
    }

    @Test
    void anyRoute_withoutOrWithUnknownToken_is401() {
        Account a = newAccount("ada");
        assertThat(Api.anonymous(server.base).get("/v1/auth/me").status()).isEqualTo(401);
        var bad = Api.anonymous(server.base).withToken("hush_tok_" + "A".repeat(43)).get("/v1/projects/" + a.orgId());
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.code()).isEqualTo("unauthenticated");
    }

    @Test
    void mintToken_withScope_narrowsIt_andRevokeStopsItAtOnce() {
        Account t = newTeam();
        Api session = t.session();
        String readOnly = session.post("/v1/auth/token", Map.of("name", "ro", "orgId", t.orgId(), "permissions", List.of("read")))
                .body().get("token").asText();
        canaries.add(readOnly);
        Api ro = Api.anonymous(server.base).withToken(readOnly);
        assertThat(ro.get(t.s("dev")).status()).isEqualTo(200);
        var write = ro.put(t.s("dev"), Map.of("key", "RO_WRITE", "value", "no"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("forbidden");
        String devOnly = session.post("/v1/auth/token", Map.of("name", "dev", "orgId", t.orgId(), "projects", List.of("web"),
                "environments", List.of("dev"))).body().get("token").asText();
        canaries.add(devOnly);
        Api dev = Api.anonymous(server.base).withToken(devOnly);
        assertThat(dev.get(t.s("dev")).status()).isEqualTo(200);
        // Outside the token's scope is as invisible as another organization: 404.
        assertThat(dev.get(t.s("prod")).code()).isEqualTo("environment_not_found");
        assertThat(dev.put(t.s("prod"), Map.of("key", "X", "value", "y")).status()).isEqualTo(404);
        assertThat(dev.delete("/v1/projects/" + t.orgId() + "/web").status()).isEqualTo(403);
        assertThat(dev.post("/v1/projects/" + t.orgId(), Map.of("name", "Other")).status()).isEqualTo(403);
        // Tokens are not minted with tokens.
        assertThat(ro.post("/v1/auth/token", Map.of("name", "more")).status()).isEqualTo(403);
        assertThat(session.post("/v1/auth/token", Map.of("name", "none", "permissions", List.of())).status()).isEqualTo(400);

        // Listing shows scopes, never the token; revoking stops it at once; another user's token id is 404.
        JsonNode tokens = session.get("/v1/auth/tokens").body().get("tokens");
        assertThat(tokens.toString()).doesNotContain(readOnly).doesNotContain(t.token());
        JsonNode roInfo = null;
        for (JsonNode tok : tokens) {
            if (tok.get("name").asText().equals("ro")) {
                roInfo = tok;
            }
        }
        assertThat(roInfo).isNotNull();
        assertThat(roInfo.get("permissions").toString()).isEqualTo("[\"read\"]");
        assertThat(roInfo.get("orgId").asText()).isEqualTo(t.orgId());
        assertThat(ro.delete("/v1/auth/tokens/" + tokens.get(tokens.size() - 1).get("id").asText()).status()).isEqualTo(403);
        assertThat(session.delete("/v1/auth/tokens/" + roInfo.get("id").asText()).status()).isEqualTo(204);
        assertThat(ro.get(t.s("dev")).status()).isEqualTo(401);
        assertThat(session.delete("/v1/auth/tokens/" + roInfo.get("id").asText()).status()).isEqualTo(404);
        assertThat(dev.delete("/v1/auth/tokens/" + UUID.randomUUID()).status()).isEqualTo(403);
    }

    @Test
    void logout_withSession_endsItServerSide() {
        Account a = newAccount("ada");
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var login = session.post("/v1/auth/login", Map.of("email", a.email(), "password", PASSWORD));
        String cookie = login.header("set-cookie").split(";")[0];
        assertThat(Api.anonymous(server.base).header("Cookie", cookie).get("/v1/auth/me").status()).isEqualTo(200);
        assertThat(session.post("/v1/auth/logout", null).status()).isEqualTo(204);
        // Replaying the old cookie value after logout fails: the session is gone server-side.
        assertThat(Api.anonymous(server.base).header("Cookie", cookie).get("/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void changePassword_withCurrentPassword_endsEveryOtherSession_andKeepsTokens() {
        Account a = newAccount("ada");
        Api first = Api.withCookies(server.base).header("X-Requested-With", "hush");
        String oldCookie = first.post("/v1/auth/login", Map.of("email", a.email(), "password", PASSWORD)).header("set-cookie").split(";")[0];
        Api second = Api.withCookies(server.base).header("X-Requested-With", "hush");
        second.post("/v1/auth/login", Map.of("email", a.email(), "password", PASSWORD));
        assertThat(second.post("/v1/auth/change-password", Map.of("currentPassword", "wrong one", "newPassword", "new password 2")).status())
                .isEqualTo(403);
        assertThat(second.post("/v1/auth/change-password", Map.of("currentPassword", PASSWORD, "newPassword", "short")).status()).isEqualTo(400);
        assertThat(second.post("/v1/auth/change-password", Map.of("currentPassword", PASSWORD, "newPassword", PASSWORD + "!")).status())
                .isEqualTo(204);
        assertThat(Api.anonymous(server.base).header("Cookie", oldCookie).get("/v1/auth/me").status()).isEqualTo(401);
        assertThat(second.get("/v1/auth/me").status()).isEqualTo(200); // the new cookie
        assertThat(a.owner().get("/v1/auth/me").status()).isEqualTo(200); // tokens are kept
        assertThat(Api.anonymous(server.base).post("/v1/auth/login", Map.of("email", a.email(), "password", PASSWORD)).status())
                .isEqualTo(401);
        assertThat(second.post("/v1/auth/change-password", Map.of("currentPassword", PASSWORD + "!", "newPassword", PASSWORD)).status())
                .isEqualTo(204);
    }

    // ---- projects ----

    @Test
    void createProject_newSlug_hasDefaultEnvironments_andDuplicateIs409() {
        Account a = newAccount("ada");
        var p = a.owner().post("/v1/projects/" + a.orgId(), Map.of("name", "Web", "slug", "web"));
        assertThat(p.status()).isEqualTo(201);
        assertThat(p.body().get("environments").findValuesAsText("slug")).containsExactly("dev", "staging", "prod");
        assertThat(a.owner().post("/v1/projects/" + a.orgId(), Map.of("name", "Web", "slug", "web")).status()).isEqualTo(409);
        assertThat(a.owner().get("/v1/projects/" + a.orgId()).body().get("projects")).hasSize(1);
        var env = a.owner().post("/v1/projects/" + a.orgId() + "/web/environments", Map.of("slug", "qa", "name", "QA", "readLevel", "staging"));
        assertThat(env.status()).isEqualTo(201);
        assertThat(a.owner().get("/v1/projects/" + a.orgId() + "/web").body().get("environments").findValuesAsText("slug")).contains("qa");
    }

    // ---- secrets: set, pull, versions, bulk, promote, delete ----

    @Test
    void setSecret_inEachEnvironment_pullReturnsOnlyThatEnvironment() {
        Account t = newTeam();
        seed(t);
        JsonNode dev = t.owner().get(t.s("dev")).body().get("secrets");
        assertThat(dev.findValuesAsText("key")).containsExactly("DATABASE_URL", "STRIPE_KEY");
        assertThat(dev.get(0).get("value").asText()).isEqualTo(DEV_VALUE);
        JsonNode prodPull = t.owner().get(t.s("prod")).body().get("secrets");
        assertThat(prodPull).hasSize(1);
        assertThat(prodPull.get(0).get("value").asText()).isEqualTo(PROD_VALUE);
        assertThat(t.owner().get(t.s("staging")).body().get("secrets")).isEmpty();
    }

    @Test
    void pullAndSealedRetrieve_carryAnETag_andAnUnchangedEnvironmentAnswers304WithoutValues() throws Exception {
        Account t = newTeam();
        seed(t);
        Api owner = t.owner();
        var first = owner.get(t.s("dev"));
        String etag = first.header("ETag");
        assertThat(etag).as("a pull names its version").isNotNull().startsWith("\"");
        var again = owner.header("If-None-Match", etag).get(t.s("dev"));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.raw().body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);
        // Another representation or query of the same environment has another tag.
        String mapTag = owner.get(t.s("dev?format=map")).header("ETag");
        assertThat(mapTag).isNotEqualTo(etag);
        assertThat(owner.header("If-None-Match", etag).get(t.s("dev?format=map")).status()).isEqualTo(200);
        assertThat(owner.header("If-None-Match", etag).get(t.s("dev?keys=STRIPE_KEY")).status()).isEqualTo(200);
        // The same tag for another client of the same values: it is the environment's state, not the bytes.
        assertThat(owner.get(t.s("dev")).header("ETag")).isEqualTo(etag);

        // The sealed retrieval the CLI uses: a fresh key every time, the same tag while nothing changes.
        byte[] spki = java.security.KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
        String clientKey = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        var sealed = owner.post(t.s("dev/retrieve"), Map.of("x25519PublicKey", clientKey));
        assertThat(sealed.status()).isEqualTo(200);
        String sealedTag = sealed.header("ETag");
        assertThat(sealedTag).isNotNull().isNotEqualTo(etag);
        var unchanged = owner.header("If-None-Match", sealedTag).post(t.s("dev/retrieve"), Map.of("x25519PublicKey", clientKey));
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.raw().body()).isEmpty();

        // A change anywhere in the environment, and the old tags no longer match.
        assertThat(owner.put(t.s("dev"), Map.of("key", "NEW_KEY", "value", "new-value")).status()).isEqualTo(200);
        var changed = owner.header("If-None-Match", etag).get(t.s("dev"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("secrets")).hasSize(3);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(owner.header("If-None-Match", sealedTag).post(t.s("dev/retrieve"), Map.of("x25519PublicKey", clientKey)).status())
                .isEqualTo(200);
        // A tag is no key: another organization's token with a valid tag still gets 404, a viewer 403.
        assertThat(newTeam().owner().header("If-None-Match", changed.header("ETag")).get(t.s("dev")).status()).isEqualTo(404);
    }

    @Test
    void references_resolveOnRead_forThoseWhoMayReadThem_cyclesAreRefused_andTheETagFollowsTheReferencedEnvironment() throws Exception {
        Account t = newTeam();
        seed(t);
        Api owner = t.owner();
        var set = owner.put(t.s("dev"), Map.of("key", "DSN", "value", "${prod.DATABASE_URL}|${STRIPE_KEY}|\\${KEPT}"));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        var pulled = owner.get(t.s("dev?keys=DSN"));
        assertThat(pulled.body().at("/secrets/0/value").asText()).isEqualTo(PROD_VALUE + "|" + STRIPE_VALUE + "|${KEPT}");
        assertThat(pulled.body().at("/secrets/0/unresolved").isMissingNode()).isTrue();
        assertThat(owner.get(t.s("dev?keys=DSN&resolve=false")).body().at("/secrets/0/value").asText())
                .isEqualTo("${prod.DATABASE_URL}|${STRIPE_KEY}|\\${KEPT}");
        assertThat(owner.get(t.s("dev?format=map&keys=DSN")).body().get("DSN").asText()).startsWith(PROD_VALUE);

        // A developer may read dev, not prod: the reference stays as written, and is reported.
        var invite = owner.post("/v1/members/" + t.orgId() + "/invite", Map.of("email", "dev-" + t.email(), "role", "developer"));
        assertThat(invite.status()).isEqualTo(201);
        Api devSession = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(devSession.post("/v1/auth/register", Map.of("email", "dev-" + t.email(), "password", PASSWORD)).status()).isEqualTo(201);
        assertThat(devSession.post("/v1/members/invite/" + invite.body().get("token").asText() + "/accept", Map.of()).status()).isEqualTo(200);
        var asDeveloper = devSession.get(t.s("dev?keys=DSN"));
        assertThat(asDeveloper.status()).isEqualTo(200);
        assertThat(asDeveloper.body().at("/secrets/0/value").asText()).isEqualTo("${prod.DATABASE_URL}|" + STRIPE_VALUE + "|${KEPT}");
        assertThat(asDeveloper.body().at("/secrets/0/unresolved").toString()).isEqualTo("[\"${prod.DATABASE_URL}\"]");
        assertThat(asDeveloper.raw().body()).doesNotContain(PROD_VALUE);

        // The sealed retrieval resolves the same way (the CLI's path).
        byte[] spki = java.security.KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
        String clientKey = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        var sealed = owner.post(t.s("dev/retrieve"), Map.of("x25519PublicKey", clientKey, "keys", List.of("DSN")));
        assertThat(sealed.status()).isEqualTo(200);

        // The answer depends on prod now: a change there changes its tag.
        String etag = owner.get(t.s("dev?keys=DSN")).header("ETag");
        assertThat(owner.header("If-None-Match", etag).get(t.s("dev?keys=DSN")).status()).isEqualTo(304);
        assertThat(owner.put(t.s("prod"), Map.of("key", "DATABASE_URL", "value", "postgres://moved")).status()).isEqualTo(200);
        var moved = owner.header("If-None-Match", etag).get(t.s("dev?keys=DSN"));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().at("/secrets/0/value").asText()).startsWith("postgres://moved|");

        // A cycle is refused on write, naming it; nothing is written.
        var cycle = owner.put(t.s("prod"), Map.of("key", "DATABASE_URL", "value", "${dev.DSN}"));
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.code()).isEqualTo("reference_cycle");
        assertThat(cycle.body().get("detail").asText()).contains("web/prod/DATABASE_URL -> web/dev/DSN -> web/prod/DATABASE_URL");
        assertThat(owner.get(t.s("prod?keys=DATABASE_URL")).body().at("/secrets/0/value").asText()).isEqualTo("postgres://moved");
        var malformed = owner.put(t.s("dev"), Map.of("key", "SHELL", "value", "${HOME:-/tmp}"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.raw().body()).contains("malformed reference").doesNotContain("/tmp");
    }

    @Test
    void diff_namesWhatDiffers_withoutValues_andStrictPromotionRefusesDrift() {
        Account t = newTeam();
        seed(t);
        Api owner = t.owner();
        assertThat(owner.put(t.s("prod"), Map.of("key", "PROD_ONLY", "value", "p")).status()).isEqualTo(200);
        var diff = owner.get("/v1/secrets/" + t.org() + "/web/diff?from=dev&to=prod");
        assertThat(diff.status()).as(diff.raw().body()).isEqualTo(200);
        assertThat(diff.body().get("onlyInFrom").toString()).isEqualTo("[\"STRIPE_KEY\"]");
        assertThat(diff.body().get("onlyInTo").toString()).isEqualTo("[\"PROD_ONLY\"]");
        assertThat(diff.body().at("/changed/0/key").asText()).isEqualTo("DATABASE_URL");
        assertThat(diff.body().at("/changed/0/differences").toString()).isEqualTo("[\"value\",\"tags\"]");
        assertThat(diff.body().get("identical").asBoolean()).isFalse();
        assertThat(diff.raw().body()).doesNotContain(DEV_VALUE).doesNotContain(PROD_VALUE).doesNotContain(STRIPE_VALUE);
        assertThat(owner.get("/v1/secrets/" + t.org() + "/web/diff?from=dev&to=prd").code()).isEqualTo("environment_not_found");
        assertThat(owner.get("/v1/secrets/" + t.org() + "/web/diff?from=dev").status()).isEqualTo(400);
        assertThat(newTeam().owner().get("/v1/secrets/" + t.org() + "/web/diff?from=dev&to=prod").status()).isEqualTo(404);

        var strict = owner.post("/v1/secrets/" + t.org() + "/web/promote", Map.of("from", "dev", "to", "prod", "strict", true));
        assertThat(strict.status()).isEqualTo(409);
        assertThat(strict.code()).isEqualTo("target_has_extra_keys");
        assertThat(strict.body().get("detail").asText()).contains("PROD_ONLY");
        assertThat(owner.get(t.s("prod")).body().get("secrets").findValuesAsText("key")).as("nothing written")
                .containsExactly("DATABASE_URL", "PROD_ONLY");
        assertThat(owner.post("/v1/secrets/" + t.org() + "/web/promote", Map.of("from", "dev", "to", "prod")).status()).isEqualTo(200);
    }

    @Test
    void pull_asAMap_orADotenvFile_forExternalSecretsOperatorAndShells() {
        Account t = newTeam();
        seed(t);
        Api owner = t.owner();
        var map = owner.get(t.s("dev?format=map"));
        assertThat(map.status()).isEqualTo(200);
        assertThat(map.header("Content-Type")).startsWith("application/json");
        assertThat(map.body().size()).isEqualTo(2);
        assertThat(map.body().get("DATABASE_URL").asText()).isEqualTo(DEV_VALUE);
        assertThat(map.body().get("STRIPE_KEY").asText()).isEqualTo(STRIPE_VALUE);
        assertThat(owner.get(t.s("dev?format=map&keys=STRIPE_KEY")).body().properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("STRIPE_KEY");

        var dotenv = owner.get(t.s("dev?format=dotenv"));
        assertThat(dotenv.status()).isEqualTo(200);
        assertThat(dotenv.header("Content-Type")).startsWith("text/plain");
        assertThat(dev.hush.domain.secret.DotEnv.parse(dotenv.raw().body()))
                .containsExactly(Map.entry("DATABASE_URL", DEV_VALUE), Map.entry("STRIPE_KEY", STRIPE_VALUE));
        assertThat(dotenv.header("Cache-Control")).contains("no-store");

        var wrong = owner.get(t.s("dev?format=yaml"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().toString()).contains("format");
        // The same reads, with the same refusals: another organization's token gets nothing.
        assertThat(newTeam().owner().get(t.s("dev?format=map")).status()).isEqualTo(404);
    }

    @Test
    void pull_withFiltersPreviewKeysOrPage_returnsThatSelection() {
        Account t = newTeam();
        seed(t);
        Api owner = t.owner();
        assertThat(owner.get(t.s("dev?tags=billing")).body().get("secrets").findValuesAsText("key")).containsExactly("STRIPE_KEY");
        assertThat(owner.get(t.s("dev?tags=backend,db")).body().get("secrets").findValuesAsText("key")).containsExactly("DATABASE_URL");
        assertThat(owner.get(t.s("dev?tags=backend,billing")).body().get("secrets")).isEmpty();
        assertThat(owner.get(t.s("dev?keys=STRIPE_KEY")).body().get("secrets").findValuesAsText("key")).containsExactly("STRIPE_KEY");

        JsonNode preview = owner.get(t.s("dev?mode=preview&keys=STRIPE_KEY")).body().at("/secrets/0/value");
        assertThat(preview.asText()).isEqualTo("sk_t••••••").doesNotContain("canary");

        JsonNode keys = owner.get(t.s("dev/keys")).body().get("secrets");
        assertThat(keys.findValues("value")).isEmpty();
        assertThat(keys.get(0).get("hasValue").asBoolean()).isTrue();
        assertThat(keys.toString()).doesNotContain("canary");

        var page = owner.get(t.s("dev?limit=1&offset=1")).body();
        assertThat(page.get("secrets").findValuesAsText("key")).containsExactly("STRIPE_KEY");
        assertThat(page.at("/pagination/total").asInt()).isEqualTo(2);
        assertThat(owner.get(t.s("dev")).body().has("pagination")).isFalse();
        assertThat(owner.get(t.s("dev/keys?search=STR")).body().get("secrets").findValuesAsText("key")).containsExactly("STRIPE_KEY");
        assertThat(owner.get(t.s("dev?limit=501")).code()).isEqualTo("validation_failed");
    }

    @Test
    void pull_full_countsOneAccess_previewAndKeysDoNot() {
        Account t = newTeam();
        seed(t);
        Api owner = t.owner();
        long before = owner.get(t.s("prod/keys")).body().at("/secrets/0/accessCount").asLong();
        owner.get(t.s("prod"));
        owner.get(t.s("prod?mode=preview"));
        owner.get(t.s("prod/keys"));
        // Statistics are flushed in the background (every 100 ms in tests, 1 s by default).
        JsonNode after = null;
        for (int i = 0; i < 50; i++) {
            after = owner.get(t.s("prod/keys")).body().at("/secrets/0");
            if (after.get("accessCount").asLong() > before) {
                break;
            }
            sleep(100);
        }
        sleep(300);
        after = owner.get(t.s("prod/keys")).body().at("/secrets/0");
        assertThat(after.get("accessCount").asLong()).isEqualTo(before + 1);
        assertThat(after.get("lastAccessedAt").isNull()).isFalse();
    }

    @Test
    void setSecret_sameValueKeepsVersion_newValueMakesVersion2_withHistory() {
        Account t = newTeam();
        seed(t);
        Api owner = t.owner();
        var same = owner.put(t.s("prod"), Map.of("key", "DATABASE_URL", "value", PROD_VALUE));
        assertThat(same.body().get("version").asInt()).isEqualTo(1);
        assertThat(same.body().get("changed").asBoolean()).isFalse();
        var v2 = owner.put(t.s("prod"), Map.of("key", "DATABASE_URL", "value", PROD_VALUE + "?v=2"));
        assertThat(v2.body().get("version").asInt()).isEqualTo(2);
        JsonNode versions = owner.get(t.s("prod/versions/DATABASE_URL")).body().get("versions");
        assertThat(versions.findValuesAsText("version")).containsExactly("2", "1");
        assertThat(versions.findValues("value").stream().allMatch(JsonNode::isNull)).isTrue();
        JsonNode revealed = owner.get(t.s("prod/versions/DATABASE_URL?reveal=true")).body().get("versions");
        assertThat(revealed.get(1).get("value").asText()).isEqualTo(PROD_VALUE);
        assertThat(revealed.get(0).get("value").asText()).isEqualTo(PROD_VALUE + "?v=2");
    }

    @Test
    void bulkImport_withOneBadOrDuplicateEntry_writesNothing() {
        Account t = newTeam();
        Api owner = t.owner();
        importFifty(t);
        var again = owner.post(t.s("dev/bulk"), Map.of("secrets", fiftyBulk()));
        assertThat(again.body().get("unchanged").asInt()).isEqualTo(50);

        List<Map<String, Object>> withBad = new ArrayList<>();
        withBad.add(Map.of("key", "BULK_0", "value", "changed"));
        withBad.add(Map.of("key", "NEW_ONE", "value", "x"));
        withBad.add(Map.of("key", "1_BAD", "value", "y"));
        var bad = owner.post(t.s("dev/bulk"), Map.of("secrets", withBad));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw().headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        assertThat(bad.body().at("/errors/0/field").asText()).isEqualTo("secrets[2].key");
        assertThat(owner.get(t.s("dev?keys=BULK_0")).body().at("/secrets/0/value").asText()).isEqualTo("bulk-value-0");
        assertThat(owner.get(t.s("dev?keys=NEW_ONE")).body().get("secrets")).isEmpty();

        // Duplicate keys in one request are refused too, with nothing written.
        var dup = owner.post(t.s("dev/bulk"), Map.of("secrets", List.of(Map.of("key", "DUP", "value", "1"), Map.of("key", "DUP", "value", "2"))));
        assertThat(dup.status()).isEqualTo(400);
        assertThat(owner.get(t.s("dev?keys=DUP")).body().get("secrets")).isEmpty();
    }

    @Test
    void promote_devToProd_copiesValuesAsNewVersions_andUnknownKeyIs404() {
        Account t = newTeam();
        seed(t);
        Api owner = t.owner();
        // prod's DATABASE_URL is at version 2 before the promotion.
        assertThat(owner.put(t.s("prod"), Map.of("key", "DATABASE_URL", "value", PROD_VALUE + "?v=2")).body().get("version").asInt())
                .isEqualTo(2);
        var r = owner.post(t.s("promote"), Map.of("from", "dev", "to", "prod", "keys", List.of("STRIPE_KEY", "DATABASE_URL")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("promoted").asInt()).isEqualTo(2);
        JsonNode prod = owner.get(t.s("prod?keys=DATABASE_URL,STRIPE_KEY")).body().get("secrets");
        assertThat(prod.get(0).get("value").asText()).isEqualTo(DEV_VALUE);
        assertThat(prod.get(0).get("version").asInt()).isEqualTo(3);
        assertThat(prod.get(1).get("value").asText()).isEqualTo(STRIPE_VALUE);
        assertThat(owner.post(t.s("promote"), Map.of("from", "dev", "to", "prod", "keys", List.of("NOPE"))).status()).isEqualTo(404);
    }

    @Test
    void delete_softOrBulk_hidesKeysKeepsHistory_andSetAgainMakesNewVersion() {
        Account t = newTeam();
        seed(t);
        importFifty(t);
        Api owner = t.owner();
        assertThat(owner.delete(t.s("dev/STRIPE_KEY")).status()).isEqualTo(204);
        assertThat(owner.get(t.s("dev")).body().get("secrets").findValuesAsText("key")).doesNotContain("STRIPE_KEY");
        assertThat(owner.get(t.s("dev/keys")).body().get("secrets").findValuesAsText("key")).doesNotContain("STRIPE_KEY");
        JsonNode history = owner.get(t.s("dev/versions/STRIPE_KEY")).body().get("versions");
        assertThat(history.get(0).get("deleted").asBoolean()).isTrue();
        assertThat(owner.delete(t.s("dev/STRIPE_KEY")).status()).isEqualTo(404);

        var missing = owner.post(t.s("dev/bulk-delete"), Map.of("keys", List.of("BULK_1", "NOT_THERE")));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(owner.get(t.s("dev?keys=BULK_1")).body().get("secrets")).hasSize(1);
        var deleted = owner.post(t.s("dev/bulk-delete"), Map.of("keys", List.of("BULK_1", "BULK_2", "BULK_3")));
        assertThat(deleted.status()).as(deleted.raw().body()).isEqualTo(200);
        assertThat(deleted.body().get("deleted").asInt()).isEqualTo(3);
        assertThat(owner.get(t.s("dev?tags=bulk")).body().get("secrets")).hasSize(47);

        // Setting a deleted key again brings it back with a new version.
        var back = owner.put(t.s("dev"), Map.of("key", "BULK_1", "value", "back"));
        assertThat(back.body().get("version").asInt()).isEqualTo(2);
    }

    // ---- limits and failures ----

    @Test
    void write_overALimit_isRefusedWithProblemJson_andChangesNothing() {
        Account t = newTeam();
        Api owner = t.owner();
        var big = owner.put(t.s("dev"), Map.of("key", "BIG", "value", "x".repeat(70 * 1024)));
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.code()).isEqualTo("validation_failed");
        assertThat(big.body().at("/errors/0/field").asText()).isEqualTo("value");
        assertThat(owner.put(t.s("dev"), Map.of("key", "EXACT", "value", "x".repeat(64 * 1024))).status()).isEqualTo(200);
        assertThat(owner.put(t.s("dev"), Map.of("key", "9LIVES", "value", "v")).code()).isEqualTo("validation_failed");
        assertThat(owner.put(t.s("dev"), Map.of("key", "K".repeat(257), "value", "v")).status()).isEqualTo(400);
        assertThat(owner.put(t.s("dev"), Map.of("key", "OK", "value", "v", "purposeType", "Nope")).status()).isEqualTo(400);
        assertThat(owner.get(t.s("dev?keys=BIG")).body().get("secrets")).isEmpty();
        assertThat(owner.send("PUT", t.s("dev"), "{not json").status()).isEqualTo(400);

        // Every list has a cap, and going over it changes nothing.
        List<Map<String, Object>> tooMany = new ArrayList<>();
        List<String> tooManyKeys = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("key", "CAP_" + i, "value", "v"));
            tooManyKeys.add("CAP_" + i);
        }
        var bulk = owner.post(t.s("dev/bulk"), Map.of("secrets", tooMany));
        assertThat(bulk.status()).isEqualTo(400);
        assertThat(bulk.body().at("/errors/0/field").asText()).isEqualTo("secrets");
        assertThat(owner.get(t.s("dev?keys=CAP_0")).body().get("secrets")).isEmpty();
        assertThat(owner.post(t.s("dev/bulk-delete"), Map.of("keys", tooManyKeys)).status()).isEqualTo(400);
        assertThat(owner.post(t.s("promote"), Map.of("from", "dev", "to", "prod", "keys", tooManyKeys)).status()).isEqualTo(400);
        var retrieve = owner.post(t.s("dev/retrieve"), Map.of("keys", tooManyKeys, "public_key_pem", "unused"));
        assertThat(retrieve.status()).isEqualTo(400);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            tags.add("t" + i);
        }
        assertThat(owner.put(t.s("dev"), Map.of("key", "TAGGED", "value", "v", "tags", tags)).status()).isEqualTo(400);
        var huge = owner.put(t.s("dev"), "{\"key\":\"HUGE\",\"value\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}");
        assertThat(huge.status()).as("a body over 16 MB").isEqualTo(413);
        assertThat(owner.get(t.s("dev?keys=HUGE,TAGGED")).body().get("secrets")).isEmpty();
    }

    @Test
    void failingRequest_carryingValueOrToken_echoesNeither_inAnswersOrMetrics() {
        Account t = newTeam();
        Api owner = t.owner();
        String value = "fail-path-canary-7731";
        String fakeToken = "hush_tok_" + "Q".repeat(43);
        canaries.add(value);
        canaries.add(fakeToken);
        List<Api.Res> answers = List.of(
                owner.send("PUT", t.s("dev"), "{\"key\":\"TRUNCATED\",\"value\":\"" + value + "\""),
                owner.put(t.s("dev"), Map.of("key", "9BAD", "value", value)),
                owner.put(t.s("dev"), Map.of("key", "NUMBER", "value", Map.of("nested", value))),
                owner.put(t.s("dev"), Map.of("key", "K", "value", value, "purposeType", "Nope-" + value)),
                owner.post(t.s("dev/bulk"), Map.of("secrets", List.of(Map.of("key", "OK_ONE", "value", value), Map.of("key", "bad key", "value", value)))),
                Api.anonymous(server.base).withToken(fakeToken).get(t.s("dev")),
                Api.anonymous(server.base).header("Authorization", "Basic " + value).get(t.s("dev")));
        for (Api.Res r : answers) {
            assertThat(r.status()).as(r.raw().body()).isBetween(400, 499);
            assertThat(r.raw().body()).doesNotContain(value).doesNotContain(fakeToken);
            assertThat(r.raw().headers().map().toString()).doesNotContain(value).doesNotContain(fakeToken);
        }
        assertThat(owner.get(t.s("dev?keys=OK_ONE")).body().get("secrets")).as("the bulk write was refused whole").isEmpty();
        String metrics;
        try {
            metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.base.resolve("/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(metrics).contains("hush_http_requests");
        assertThat(metrics).doesNotContain(value).doesNotContain(fakeToken).doesNotContain(t.org());
    }

    // ---- isolation between organizations ----

    @Test
    void anyRoute_ofAnotherOrganization_is404_bothWays() {
        Account t = newTeam();
        seed(t);
        assertThat(t.owner().put(t.s("dev"), Map.of("key", "BULK_4", "value", "bulk-value-4")).status()).isEqualTo(200);
        Account eve = newAccount("eve");
        Api eveTok = eve.owner();
        assertThat(eveTok.get(t.s("dev")).status()).isEqualTo(404);
        assertThat(eveTok.get(t.s("dev")).code()).isEqualTo("organization_not_found");
        assertThat(eveTok.get("/v1/secrets/no-such-org/web/dev").code()).isEqualTo("organization_not_found");
        assertThat(eveTok.put(t.s("dev"), Map.of("key", "X", "value", "y")).status()).isEqualTo(404);
        assertThat(eveTok.get("/v1/projects/" + t.orgId()).status()).isEqualTo(404);
        assertThat(eveTok.get("/v1/projects/" + t.orgId() + "/web").status()).isEqualTo(404);
        assertThat(eveTok.delete("/v1/projects/" + t.orgId() + "/web").status()).isEqualTo(404);
        assertThat(eveTok.post(t.s("dev/bulk-delete"), Map.of("keys", List.of("BULK_4"))).status()).isEqualTo(404);
        assertThat(eveTok.get(t.s("dev/versions/DATABASE_URL")).status()).isEqualTo(404);
        // and the owner cannot see Eve's organization either, nor revoke Eve's tokens
        assertThat(t.owner().get("/v1/projects/" + eve.orgId()).status()).isEqualTo(404);
        String eveTokenId = eve.session().get("/v1/auth/tokens").body().at("/tokens/0/id").asText();
        Api adaSession = Api.withCookies(server.base).header("X-Requested-With", "hush");
        adaSession.post("/v1/auth/login", Map.of("email", t.email(), "password", PASSWORD));
        assertThat(adaSession.delete("/v1/auth/tokens/" + eveTokenId).status()).isEqualTo(404);
        assertThat(eveTok.get("/v1/auth/me").status()).isEqualTo(200);
        assertThat(t.owner().get(t.s("dev?keys=BULK_4")).body().get("secrets")).hasSize(1);
    }

    // ---- durability ----

    @Test
    void restart_sameDataDir_keepsSecretsDeletesAndTokens() {
        Account t = newTeam();
        seed(t);
        importFifty(t);
        Api owner = t.owner();
        assertThat(owner.post(t.s("promote"), Map.of("from", "dev", "to", "prod", "keys", List.of("DATABASE_URL"))).status()).isEqualTo(200);
        assertThat(owner.post(t.s("dev/bulk-delete"), Map.of("keys", List.of("BULK_1", "BULK_2", "BULK_3"))).status()).isEqualTo(200);
        assertThat(owner.put(t.s("dev"), Map.of("key", "BULK_1", "value", "back")).status()).isEqualTo(200);

        server.close();
        server = null;
        server = startServer(dataDir);
        Api again = Api.anonymous(server.base).withToken(t.token());
        assertThat(again.get(t.s("prod?keys=DATABASE_URL")).body().at("/secrets/0/value").asText()).isEqualTo(DEV_VALUE);
        assertThat(again.get(t.s("dev?tags=bulk")).body().get("secrets")).hasSize(48);
    }
}
