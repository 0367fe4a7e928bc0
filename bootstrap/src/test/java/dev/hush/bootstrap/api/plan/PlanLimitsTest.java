package dev.hush.bootstrap.api.plan;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Plan limits with billing on: a free organization hits its project limit with 402 plan_limit_reached
 * naming the limit, a platform admin's override lifts it at once, the plan table changes defaults at run
 * time, and creates through bulk import are refused whole. Without billing, nothing is limited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanLimitsTest {
    Path dir;
    TestServer server;
    Api admin;
    Api owner;
    String orgId;
    String org;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("hush-plans");
        // Stripe settings without a reachable Stripe: limits are enforced whatever Stripe says.
        server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.billing.provider", "stripe", "hush.stripe.api-key", "sk_test_unused",
                "hush.stripe.webhook-secret", "whsec_unused", "hush.stripe.api-base", "http://127.0.0.1:1"));
        admin = session("root@plans.test");
        owner = session("owner@plans.test");
        var me = owner.get("/v1/auth/me").body();
        orgId = me.at("/orgs/0/id").asText();
        org = me.at("/orgs/0/slug").asText();
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        TestFiles.deleteTree(dir);
    }

    Api session(String email) {
        Api api = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(api.post("/v1/auth/register", Map.of("email", email, "password", "password of " + email)).status()).isEqualTo(201);
        return api;
    }

    @Test
    void aFreeOrganization_hitsItsProjectLimit_andAnAdminOverrideLiftsItAtOnce() {
        JsonNode billing = owner.get("/v1/billing/" + orgId).body();
        assertThat(billing.get("plan").asText()).isEqualTo("free");
        assertThat(billing.at("/limits/projects").asLong()).isEqualTo(3);
        assertThat(billing.at("/limits/members").asLong()).isEqualTo(5);
        assertThat(billing.at("/limits/secretsPerProject").asLong()).isEqualTo(100);
        for (int i = 1; i <= 3; i++) {
            assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "P" + i, "slug", "p" + i)).status()).isEqualTo(201);
        }
        var refused = owner.post("/v1/projects/" + orgId, Map.of("name", "P4", "slug", "p4"));
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("plan_limit_reached");
        assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("projects");
        assertThat(refused.body().get("detail").asText()).contains("3 projects");
        assertThat(owner.get("/v1/projects/" + orgId).body().get("projects")).hasSize(3);

        var patched = admin.send("PATCH", "/v1/admin/orgs/" + orgId, Map.of("limitOverrides", Map.of("projects", 5)));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().at("/effectiveLimits/projects").asLong()).isEqualTo(5);
        assertThat(patched.body().at("/limitOverrides/projects").asLong()).isEqualTo(5);
        assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "P4", "slug", "p4")).status()).as("at once").isEqualTo(201);

        assertThat(owner.send("PATCH", "/v1/admin/orgs/" + orgId, Map.of("plan", "pro")).status()).as("admins only").isEqualTo(403);
        var pro = admin.send("PATCH", "/v1/admin/orgs/" + orgId, Map.of("plan", "pro", "limitOverrides", Map.of()));
        assertThat(pro.body().get("plan").asText()).isEqualTo("pro");
        assertThat(pro.body().at("/effectiveLimits/projects").asLong()).isEqualTo(25);
        assertThat(admin.send("PATCH", "/v1/admin/orgs/" + orgId, Map.of("plan", "platinum")).status()).isEqualTo(400);
        assertThat(admin.send("PATCH", "/v1/admin/orgs/" + orgId, Map.of("limitOverrides", Map.of("galaxies", 1))).status()).isEqualTo(400);
    }

    @Test
    void thePlanTable_changesDefaultsAtRunTime_andBulkCreatesAreRefusedWhole() {
        Api other = session("bulk@plans.test");
        String otherId = other.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        String otherSlug = other.get("/v1/auth/me").body().at("/orgs/0/slug").asText();
        assertThat(other.post("/v1/projects/" + otherId, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
        var put = admin.put("/v1/admin/plans/free", Map.of("limits", Map.of("secretsPerProject", 2)));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().get("source").asText()).isEqualTo("plan_configs");
        JsonNode plans = admin.get("/v1/admin/plans").body().get("plans");
        assertThat(plans.toString()).contains("\"name\":\"free\"").contains("\"secretsPerProject\":2");
        try {
            List<Map<String, Object>> three = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                three.add(Map.of("key", "K" + i, "value", "v" + i));
            }
            var bulk = other.post("/v1/secrets/" + otherSlug + "/web/dev/bulk", Map.of("secrets", three));
            assertThat(bulk.status()).isEqualTo(402);
            assertThat(bulk.code()).isEqualTo("plan_limit_reached");
            assertThat(other.get("/v1/secrets/" + otherSlug + "/web/dev/keys").body().get("secrets")).as("nothing written").isEmpty();
            assertThat(other.put("/v1/secrets/" + otherSlug + "/web/dev", Map.of("key", "A", "value", "1")).status()).isEqualTo(200);
            assertThat(other.put("/v1/secrets/" + otherSlug + "/web/prod", Map.of("key", "B", "value", "2")).status()).isEqualTo(200);
            assertThat(other.put("/v1/secrets/" + otherSlug + "/web/dev", Map.of("key", "A", "value", "changed")).status())
                    .as("changing an existing secret is no new secret").isEqualTo(200);
            assertThat(other.put("/v1/secrets/" + otherSlug + "/web/dev", Map.of("key", "C", "value", "3")).code()).isEqualTo("plan_limit_reached");
        } finally {
            admin.put("/v1/admin/plans/free", Map.of("limits", Map.of()));
        }
    }

    @Test
    void environmentMemberAndTokenLimits_areEnforcedToo() {
        Api session = session("limits@plans.test");
        var me = session.get("/v1/auth/me").body();
        String id = me.at("/orgs/0/id").asText();
        assertThat(session.post("/v1/projects/" + id, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
        assertThat(admin.send("PATCH", "/v1/admin/orgs/" + id, Map.of("limitOverrides", Map.of("environmentsPerProject", 3, "members", 1, "tokens", 0)))
                .status()).isEqualTo(200);
        var env = session.post("/v1/projects/" + id + "/web/environments", Map.of("slug", "qa"));
        assertThat(env.code()).isEqualTo("plan_limit_reached");
        assertThat(env.body().at("/errors/0/field").asText()).isEqualTo("environmentsPerProject");
        var invite = session.post("/v1/members/" + id + "/invite", Map.of("email", "new@plans.test", "role", "viewer"));
        assertThat(invite.code()).isEqualTo("plan_limit_reached");
        assertThat(invite.body().at("/errors/0/field").asText()).isEqualTo("members");
        var token = session.post("/v1/auth/token", Map.of("name", "scoped", "orgId", id));
        assertThat(token.code()).isEqualTo("plan_limit_reached");
        assertThat(session.post("/v1/auth/token", Map.of("name", "unscoped")).status()).as("a token of no organization counts for none").isEqualTo(201);
    }

    @Test
    void adminViews_showUsageAndStats() {
        JsonNode stats = admin.get("/v1/admin/stats").body();
        assertThat(stats.get("users").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.get("orgs").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode orgs = admin.get("/v1/admin/orgs").body().get("orgs");
        assertThat(orgs.toString()).contains(org);
        JsonNode one = admin.get("/v1/admin/orgs/" + orgId).body();
        assertThat(one.at("/usage/members").asLong()).isEqualTo(1);
        assertThat(one.has("effectiveLimits")).isTrue();
        assertThat(owner.get("/v1/admin/stats").status()).isEqualTo(403);
        assertThat(admin.get("/v1/admin/orgs/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void monthlyApiRequests_areMeteredPerOrganization_refusedWith402_andBillingStaysReachable() {
        Api user = session("meter@plans.test");
        JsonNode me = user.get("/v1/auth/me").body();
        String id = me.at("/orgs/0/id").asText();
        assertThat(user.get("/v1/billing/" + id).body().at("/limits/apiRequestsPerMonth").asLong()).as("free plan constant").isEqualTo(100_000);
        assertThat(admin.send("PATCH", "/v1/admin/orgs/" + id, Map.of("limitOverrides", Map.of("apiRequestsPerMonth", 5))).status()).isEqualTo(200);
        assertThat(owner.get("/v1/projects/" + id).status()).as("not a member: not counted").isEqualTo(404);
        assertThat(Api.anonymous(server.base).get("/v1/projects/" + id).status()).as("no credential: not counted").isEqualTo(401);
        for (int i = 0; i < 5; i++) {
            var metered = user.get("/v1/projects/" + id);
            assertThat(metered.status()).isEqualTo(200);
            // The IETF draft's headers: this month's limit, what is left after this request, seconds to the reset.
            assertThat(metered.header("RateLimit-Limit")).isEqualTo("5");
            assertThat(metered.header("RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
            assertThat(Long.parseLong(metered.header("RateLimit-Reset"))).isBetween(1L, 31L * 24 * 3600);
        }
        assertThat(user.get("/v1/members/" + id).header("RateLimit-Limit")).as("administration is not metered").isNull();
        var refused = user.get("/v1/projects/" + id);
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("plan_limit_reached");
        assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("apiRequestsPerMonth");
        assertThat(refused.body().get("detail").asText()).contains("5 API requests a month");
        var write = user.post("/v1/projects/" + id, Map.of("name", "Late", "slug", "late"));
        assertThat(write.status()).as("writes too").isEqualTo(402);
        assertThat(user.get("/v1/orgs/" + id + "/public-key").status()).as("sealing to the org too").isEqualTo(402);
        assertThat(owner.get("/v1/projects/" + id).status()).as("a non-member learns nothing of the quota").isEqualTo(404);
        assertThat(user.get("/v1/members/" + id).status()).as("administration is never metered").isEqualTo(200);
        assertThat(user.get("/v1/audit/" + id).status()).isEqualTo(200);
        assertThat(user.get("/v1/webhooks/" + id).status()).isEqualTo(200);
        assertThat(user.post("/v1/billing/" + id + "/checkout", Map.of("plan", "pro")).status()).as("upgrading stays possible").isNotEqualTo(402);

        JsonNode billing = user.get("/v1/billing/" + id).body();
        assertThat(billing.at("/usage/apiRequests").asLong()).as("billing stays reachable; requests refused at the limit and administration "
                + "are not counted").isEqualTo(5);
        assertThat(billing.at("/limits/apiRequestsPerMonth").asLong()).isEqualTo(5);
        assertThat(admin.get("/v1/admin/orgs/" + id).body().at("/usage/apiRequests").asLong()).isEqualTo(5);

        assertThat(admin.send("PATCH", "/v1/admin/orgs/" + id, Map.of("limitOverrides", Map.of("apiRequestsPerMonth", -1))).status()).isEqualTo(200);
        assertThat(user.get("/v1/projects/" + id).status()).as("lifted at once").isEqualTo(200);
        assertThat(user.post("/v1/projects/" + id, Map.of("name", "Late", "slug", "late")).status()).isEqualTo(201);
    }
}
