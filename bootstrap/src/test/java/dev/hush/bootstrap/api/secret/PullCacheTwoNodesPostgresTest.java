package dev.hush.bootstrap.api.secret;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestServer;
import dev.hush.bootstrap.support.TwoNodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL, each caching pull pages under the environment's revision: a change committed on
 * one node (or written straight into the database) is in the very next pull on the other, with no wait, for the
 * whole environment and for filtered pulls alike; and every pull, cached or not, is audited.
 */
class PullCacheTwoNodesPostgresTest {
    @Test
    void aChangeOnOneNode_isInTheNextPullOnTheOther_atOnce() throws Exception {
        try (TwoNodes nodes = TwoNodes.start("hush-pull-cache", Map.of())) {
            TestServer a = nodes.a;
            TestServer b = nodes.b;
            Api session = Api.withCookies(a.base).header("X-Requested-With", "hush");
            var reg = session.post("/v1/auth/register", Map.of("email", "pages@example.com", "password", "pull cache password"));
            String orgId = reg.body().at("/org/id").asText();
            String org = reg.body().at("/org/slug").asText();
            String token = session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText();
            Api onA = Api.anonymous(a.base).withToken(token);
            Api onB = Api.anonymous(b.base).withToken(token);
            String dev = "/v1/secrets/" + org + "/p/dev";
            assertThat(onA.post("/v1/projects/" + orgId, Map.of("name", "P", "slug", "p")).status()).isEqualTo(201);
            assertThat(onA.put(dev, Map.of("key", "DB", "value", "one", "tags", List.of("x"))).status()).isEqualTo(200);
            assertThat(onA.put(dev, Map.of("key", "API", "value", "api-1")).status()).isEqualTo(200);
            for (int i = 0; i < 3; i++) { // cached on B after the first
                assertThat(values(onB.get(dev).body())).isEqualTo(Map.of("DB", "one", "API", "api-1"));
                assertThat(values(onB.get(dev + "?tags=x").body())).isEqualTo(Map.of("DB", "one"));
            }

            assertThat(onA.put(dev, Map.of("key", "DB", "value", "two", "tags", List.of("x"))).status()).isEqualTo(200);
            assertThat(values(onB.get(dev).body())).as("the next pull on the other node").isEqualTo(Map.of("DB", "two", "API", "api-1"));
            assertThat(values(onB.get(dev + "?tags=x").body())).isEqualTo(Map.of("DB", "two"));

            assertThat(onA.delete(dev + "/API").status()).isEqualTo(204);
            assertThat(values(onB.get(dev).body())).isEqualTo(Map.of("DB", "two"));

            // Written straight into the database, by no node: the triggers revise the environment all the same.
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = a.context.getBean(TransactionOperations.class);
            tx.executeWrite(s -> {
                try (PreparedStatement ps = s.getConnection().prepareStatement("UPDATE secrets SET tags = 'y' WHERE name = 'DB'")) {
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                return null;
            });
            assertThat(values(onB.get(dev + "?tags=x").body())).isEmpty();
            assertThat(onB.get(dev).body().at("/secrets/0/tags/0").asText()).isEqualTo("y");

            // Every pull that returned values is audited, cached or not (the empty one returned none).
            var reads = session.get("/v1/audit/" + orgId + "?action=secret.read").body();
            assertThat(reads.at("/pagination/total").asInt()).isEqualTo(10);
        }
    }

    private static Map<String, String> values(JsonNode pull) {
        Map<String, String> out = new java.util.HashMap<>();
        pull.get("secrets").forEach(s -> out.put(s.get("key").asText(), s.get("value").asText()));
        return out;
    }
}
