package dev.hush.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Invitations, roles and organizations, driven over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembersTest {
    Path dir;
    TestServer server;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("hush-members");
        server = TestServer.h2(dir.resolve("data"));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        TestFiles.deleteTree(dir);
    }

    Api register(String email) {
        Api api = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(api.post("/v1/auth/register", Map.of("email", email, "password", "a long password")).status()).isEqualTo(201);
        return api;
    }

    @Test
    void invite_isSingleUse_boundToTheAddress_andMailedToTheOutbox() throws Exception {
        Api owner = register("o1@example.com");
        String orgId = owner.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        var invite = owner.post("/v1/members/" + orgId + "/invite", Map.of("email", "Bob@Example.com", "role", "developer"));
        assertThat(invite.status()).isEqualTo(201);
        String token = invite.body().get("token").asText();

        try (Stream<Path> mails = Files.list(server.dataDir.resolve("outbox"))) {
            List<Path> files = mails.toList();
            assertThat(files).hasSize(1);
            assertThat(Files.readString(files.get(0))).contains("To: bob@example.com").contains(token);
        }
        assertThat(owner.get("/v1/members/" + orgId).body().at("/invites/0/email").asText()).isEqualTo("bob@example.com");

        Api mallory = register("mallory@example.com");
        assertThat(mallory.post("/v1/members/invite/" + token + "/accept", null).status()).isEqualTo(403);
        Api bob = register("bob@example.com");
        var joined = bob.post("/v1/members/invite/" + token + "/accept", null);
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.body().get("role").asText()).isEqualTo("developer");
        assertThat(bob.post("/v1/members/invite/" + token + "/accept", null).status()).isEqualTo(404);
        assertThat(owner.get("/v1/members/" + orgId).body().get("invites")).isEmpty();
        assertThat(owner.post("/v1/members/" + orgId + "/invite", Map.of("email", "bob@example.com", "role", "viewer")).code())
                .isEqualTo("already_member");
    }

    @Test
    void lastOwner_cannotBeDemotedOrRemoved_andAdminsCannotTouchOwners() {
        Api owner = register("o2@example.com");
        var me = owner.get("/v1/auth/me").body();
        String orgId = me.at("/orgs/0/id").asText();
        String ownerId = me.at("/user/id").asText();
        assertThat(owner.send("PATCH", "/v1/members/" + orgId + "/" + ownerId, Map.of("role", "admin")).code()).isEqualTo("last_owner");
        assertThat(owner.delete("/v1/members/" + orgId + "/" + ownerId).code()).isEqualTo("last_owner");

        String token = owner.post("/v1/members/" + orgId + "/invite", Map.of("email", "adm@example.com", "role", "admin")).body().get("token").asText();
        Api admin = register("adm@example.com");
        admin.post("/v1/members/invite/" + token + "/accept", null);
        String adminId = admin.get("/v1/auth/me").body().at("/user/id").asText();
        assertThat(admin.post("/v1/members/" + orgId + "/invite", Map.of("email", "x@example.com", "role", "owner")).status()).isEqualTo(403);
        assertThat(admin.delete("/v1/members/" + orgId + "/" + ownerId).status()).isEqualTo(403);
        assertThat(admin.send("PATCH", "/v1/members/" + orgId + "/" + ownerId, Map.of("role", "viewer")).status()).isEqualTo(403);

        // With a second owner, the first may step down.
        assertThat(owner.send("PATCH", "/v1/members/" + orgId + "/" + adminId, Map.of("role", "owner")).status()).isEqualTo(204);
        assertThat(owner.send("PATCH", "/v1/members/" + orgId + "/" + ownerId, Map.of("role", "viewer")).status()).isEqualTo(204);
        assertThat(owner.get("/v1/auth/me").body().at("/orgs/0/role").asText()).isEqualTo("viewer");
    }

    @Test
    void theirOwnOrganization_withAnotherOrganizationsMemberId_gets404_andChangesNothing() {
        Api a = register("cross-a@example.com");
        var meA = a.get("/v1/auth/me").body();
        String orgA = meA.at("/orgs/0/id").asText();
        String userA = meA.at("/user/id").asText();
        Api b = register("cross-b@example.com");
        String orgB = b.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        assertThat(b.send("PATCH", "/v1/members/" + orgB + "/" + userA, Map.of("role", "viewer")).status()).isEqualTo(404);
        assertThat(b.delete("/v1/members/" + orgB + "/" + userA).status()).isEqualTo(404);
        assertThat(b.send("PATCH", "/v1/members/" + orgA + "/" + userA, Map.of("role", "viewer")).status()).isEqualTo(404);
        assertThat(b.delete("/v1/members/" + orgA + "/" + userA).status()).isEqualTo(404);
        var after = a.get("/v1/auth/me").body();
        assertThat(after.at("/orgs/0/id").asText()).isEqualTo(orgA);
        assertThat(after.at("/orgs/0/role").asText()).as("still the owner of A").isEqualTo("owner");
        assertThat(after.get("orgs")).hasSize(1);
    }

    @Test
    void loweredRole_limitsExistingTokensAtOnce() {
        Api owner = register("o3@example.com");
        var me = owner.get("/v1/auth/me").body();
        String orgId = me.at("/orgs/0/id").asText();
        String org = me.at("/orgs/0/slug").asText();
        owner.post("/v1/projects/" + orgId, Map.of("name", "App", "slug", "app"));
        owner.put("/v1/secrets/" + org + "/app/prod", Map.of("key", "K", "value", "v"));
        String invite = owner.post("/v1/members/" + orgId + "/invite", Map.of("email", "dana@example.com", "role", "admin")).body().get("token").asText();
        Api dana = register("dana@example.com");
        dana.post("/v1/members/invite/" + invite + "/accept", null);
        Api danaToken = Api.anonymous(server.base).withToken(dana.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
        assertThat(danaToken.get("/v1/secrets/" + org + "/app/prod").status()).isEqualTo(200);
        String danaId = dana.get("/v1/auth/me").body().at("/user/id").asText();
        owner.send("PATCH", "/v1/members/" + orgId + "/" + danaId, Map.of("role", "developer"));
        assertThat(danaToken.get("/v1/secrets/" + org + "/app/prod").status()).isEqualTo(403);
        owner.delete("/v1/members/" + orgId + "/" + danaId);
        assertThat(danaToken.get("/v1/secrets/" + org + "/app/prod").status()).isEqualTo(404);
    }

    @Test
    void deletingAnOrganization_removesItsDataAndKey() {
        Api owner = register("o4@example.com");
        var created = owner.post("/v1/orgs", Map.of("name", "Acme", "slug", "acme"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(owner.post("/v1/orgs", Map.of("name", "Acme", "slug", "acme")).code()).isEqualTo("organization_exists");
        String orgId = created.body().get("id").asText();
        owner.post("/v1/projects/" + orgId, Map.of("name", "App", "slug", "app"));
        owner.put("/v1/secrets/acme/app/dev", Map.of("key", "K", "value", "v"));
        assertThat(owner.delete("/v1/orgs/" + orgId).status()).isEqualTo(204);
        assertThat(owner.get("/v1/secrets/acme/app/dev").code()).isEqualTo("organization_not_found");
        assertThat(owner.get("/v1/auth/me").body().get("orgs").findValuesAsText("slug")).doesNotContain("acme");
        // The slug is free again, with a new key: nothing of the old organization comes back.
        var again = owner.post("/v1/orgs", Map.of("name", "Acme", "slug", "acme"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("id").asText()).isNotEqualTo(orgId);
        assertThat(owner.get("/v1/projects/" + again.body().get("id").asText()).body().get("projects")).isEmpty();
    }
}
