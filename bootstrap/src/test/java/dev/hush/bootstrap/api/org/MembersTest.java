package dev.hush.bootstrap.api.org;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

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
        server = TestServer.start(dir.resolve("data"));
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
            assertThat(Files.readString(files.get(0))).contains("To: bob@example.com").contains(server.base + "/invites/" + token);
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

    /**
     * Red-team finding 7: pending invitations can be revoked (their own route, or the member route with the
     * invite's id), and the invitations a member sent are withdrawn when the member is removed or demoted, so
     * a removed admin's invitation of their second address does not let them back in.
     */
    @Test
    void invitations_canBeRevoked_andARemovedOrDemotedMembersInvitationsAreWithdrawn() {
        Api owner = register("o7@example.com");
        String orgId = owner.get("/v1/auth/me").body().at("/orgs/0/id").asText();

        // Revoked on its own route: the token no longer works.
        var invite = owner.post("/v1/members/" + orgId + "/invite", Map.of("email", "r1@example.com", "role", "admin")).body();
        Api developer = join(owner, orgId, "dev7@example.com", "developer");
        assertThat(developer.delete("/v1/members/" + orgId + "/invites/" + invite.get("inviteId").asText()).status()).isEqualTo(403);
        Api stranger = register("stranger7@example.com");
        assertThat(stranger.delete("/v1/members/" + orgId + "/invites/" + invite.get("inviteId").asText()).status()).isEqualTo(404);
        assertThat(owner.delete("/v1/members/" + orgId + "/invites/" + invite.get("inviteId").asText()).status()).isEqualTo(204);
        assertThat(owner.delete("/v1/members/" + orgId + "/invites/" + invite.get("inviteId").asText()).status()).isEqualTo(404);
        Api r1 = register("r1@example.com");
        assertThat(r1.post("/v1/members/invite/" + invite.get("token").asText() + "/accept", null).status()).isEqualTo(404);

        // The member route takes an invite's id too (what one tries first).
        var second = owner.post("/v1/members/" + orgId + "/invite", Map.of("email", "r2@example.com", "role", "viewer")).body();
        assertThat(owner.delete("/v1/members/" + orgId + "/" + second.get("inviteId").asText()).status()).isEqualTo(204);
        assertThat(register("r2@example.com").post("/v1/members/invite/" + second.get("token").asText() + "/accept", null).status()).isEqualTo(404);
        assertThat(owner.get("/v1/members/" + orgId).body().get("invites")).isEmpty();

        // A removed admin's invitation of their second address is withdrawn.
        Api admin = join(owner, orgId, "adm7@example.com", "admin");
        String adminId = admin.get("/v1/auth/me").body().at("/user/id").asText();
        String backdoor = admin.post("/v1/members/" + orgId + "/invite", Map.of("email", "adm7-second@example.com", "role", "admin"))
                .body().get("token").asText();
        assertThat(owner.delete("/v1/members/" + orgId + "/" + adminId).status()).isEqualTo(204);
        assertThat(register("adm7-second@example.com").post("/v1/members/invite/" + backdoor + "/accept", null).status()).isEqualTo(404);

        // A demoted admin's invitations are withdrawn too.
        Api admin2 = join(owner, orgId, "adm8@example.com", "admin");
        String admin2Id = admin2.get("/v1/auth/me").body().at("/user/id").asText();
        String pending = admin2.post("/v1/members/" + orgId + "/invite", Map.of("email", "friend8@example.com", "role", "developer"))
                .body().get("token").asText();
        assertThat(owner.send("PATCH", "/v1/members/" + orgId + "/" + admin2Id, Map.of("role", "developer")).status()).isEqualTo(204);
        assertThat(register("friend8@example.com").post("/v1/members/invite/" + pending + "/accept", null).status()).isEqualTo(404);
        var audit = owner.get("/v1/audit/" + orgId + "?action=member.invites_withdrawn").body().get("events");
        assertThat(audit).hasSize(2);
        assertThat(owner.get("/v1/audit/" + orgId + "?action=member.invite_revoked").body().get("events")).hasSize(2);
    }

    Api join(Api owner, String orgId, String email, String role) {
        String token = owner.post("/v1/members/" + orgId + "/invite", Map.of("email", email, "role", role)).body().get("token").asText();
        Api member = register(email);
        assertThat(member.post("/v1/members/invite/" + token + "/accept", null).status()).isEqualTo(200);
        return member;
    }
}
