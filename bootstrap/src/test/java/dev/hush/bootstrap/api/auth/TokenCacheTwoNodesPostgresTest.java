package dev.hush.bootstrap.api.auth;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestServer;
import dev.hush.bootstrap.support.TwoNodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL, each with its cache of API tokens: a token revoked on one node stops working on
 * the other within moments (PostgreSQL NOTIFY), and even a revocation a node has not heard of cannot read a
 * value or change anything there (the audit statement checks the token). Reads on both nodes are audited in
 * one chain, which verifies.
 */
class TokenCacheTwoNodesPostgresTest {
    @Test
    void revokedOnOneNode_isRefusedOnTheOther_andAnUnheardRevocationReleasesNoValue() throws Exception {
        try (TwoNodes nodes = TwoNodes.start("hush-token-cache", Map.of())) {
            TestServer a = nodes.a;
            TestServer b = nodes.b;
            Api session = Api.withCookies(a.base).header("X-Requested-With", "hush");
            var reg = session.post("/v1/auth/register", Map.of("email", "cache@example.com", "password", "token cache password"));
            String orgId = reg.body().at("/org/id").asText();
            String org = reg.body().at("/org/slug").asText();
            var first = session.post("/v1/auth/token", Map.of("name", "first")).body();
            Api onA = Api.anonymous(a.base).withToken(first.get("token").asText());
            Api onB = Api.anonymous(b.base).withToken(first.get("token").asText());
            assertThat(onA.post("/v1/projects/" + orgId, Map.of("name", "P", "slug", "p")).status()).isEqualTo(201);
            assertThat(onA.put("/v1/secrets/" + org + "/p/dev", Map.of("key", "DB", "value", "cached-canary-3141")).status()).isEqualTo(200);
            assertThat(onB.get("/v1/secrets/" + org + "/p/dev").raw().body()).contains("cached-canary-3141"); // cached on B now

            // Revoked through node A: node B hears it and refuses the token, within moments.
            assertThat(session.delete("/v1/auth/tokens/" + first.get("id").asText()).status()).isEqualTo(204);
            long deadline = System.nanoTime() + 2_000_000_000L;
            int status;
            do {
                status = onB.get("/v1/auth/me").status();
            } while (status != 401 && System.nanoTime() < deadline);
            assertThat(status).as("the revoked token on the other node, within 2 s").isEqualTo(401);
            assertThat(onA.get("/v1/auth/me").status()).as("at once on the node that revoked it").isEqualTo(401);

            // A revocation that announces nothing (written straight into the database): node B still holds the
            // token, but the audit statement of a read or a change refuses it, so no value leaves and nothing changes.
            var second = session.post("/v1/auth/token", Map.of("name", "second")).body();
            Api stale = Api.anonymous(b.base).withToken(second.get("token").asText());
            assertThat(stale.get("/v1/secrets/" + org + "/p/dev").raw().body()).contains("cached-canary-3141");
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = a.context.getBean(TransactionOperations.class);
            tx.executeWrite(s -> {
                try (PreparedStatement ps = s.getConnection().prepareStatement("UPDATE api_tokens SET revoked_at = now() WHERE id = ?")) {
                    ps.setObject(1, java.util.UUID.fromString(second.get("id").asText()));
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                return null;
            });
            var read = stale.get("/v1/secrets/" + org + "/p/dev");
            assertThat(read.status()).isEqualTo(401);
            assertThat(read.raw().body()).doesNotContain("cached-canary-3141");
            assertThat(stale.get("/v1/secrets/" + org + "/p/dev?keys=DB").raw().body()).doesNotContain("cached-canary-3141");
            assertThat(stale.put("/v1/secrets/" + org + "/p/dev", Map.of("key", "DB", "value", "changed")).status()).isEqualTo(401);
            assertThat(session.get("/v1/secrets/" + org + "/p/dev").raw().body()).contains("cached-canary-3141");

            // Both nodes' reads are in the one chain, sealed by either node, and it verifies.
            var reads = session.get("/v1/audit/" + orgId + "?action=secret.read").body();
            assertThat(reads.at("/pagination/total").asInt()).isEqualTo(3);
            assertThat(session.get("/v1/audit/" + orgId + "/verify").body().get("valid").asBoolean()).isTrue();
        }
    }
}
