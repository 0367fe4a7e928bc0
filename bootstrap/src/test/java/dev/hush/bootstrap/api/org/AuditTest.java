package dev.hush.bootstrap.api.org;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit log records mutations and value reads without values, and its hash chain detects tampering. */
class AuditTest {
    @Test
    void valueReads_areAudited_withoutValues_andTheChainVerifies_untilTampered() throws Exception {
        Path dir = Files.createTempDirectory("hush-audit");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            Api cookies = Api.withCookies(server.base).header("X-Requested-With", "hush").header("User-Agent", "audit-test/1");
            var reg = cookies.post("/v1/auth/register", Map.of("email", "aud@example.com", "password", "audit password"));
            String orgId = reg.body().at("/org/id").asText();
            String org = reg.body().at("/org/slug").asText();
            Api api = Api.anonymous(server.base).withToken(cookies.post("/v1/auth/token", Map.of("name", "t", "orgId", orgId)).body().get("token").asText());
            api.post("/v1/projects/" + orgId, Map.of("name", "App", "slug", "app"));
            api.put("/v1/secrets/" + org + "/app/prod", Map.of("key", "DB_PASSWORD", "value", "audit-canary-4411"));
            assertThat(api.get("/v1/secrets/" + org + "/app/prod").status()).isEqualTo(200);
            api.get("/v1/secrets/" + org + "/app/prod?mode=preview");
            api.get("/v1/secrets/" + org + "/app/prod/versions/DB_PASSWORD?reveal=true");
            api.delete("/v1/secrets/" + org + "/app/prod/DB_PASSWORD");
            Api.withCookies(server.base).post("/v1/auth/login", Map.of("email", "aud@example.com", "password", "wrong password"));

            JsonNode events = api.get("/v1/audit/" + orgId).body().get("events");
            assertThat(events.findValuesAsText("action")).containsExactly("secret.deleted", "secret.revealed", "secret.read",
                    "secret.created", "project.created", "token.created", "org.created");
            JsonNode read = events.get(2);
            assertThat(read.get("resource").asText()).isEqualTo("org/" + org + "/project/app/env/prod");
            assertThat(read.get("detail").asText()).contains("DB_PASSWORD");
            assertThat(read.get("clientIp").asText()).isEqualTo("127.0.0.1");
            assertThat(read.get("actorTokenId").isNull()).isFalse();
            assertThat(events.toString()).doesNotContain("audit-canary-4411");
            assertThat(api.get("/v1/audit/" + orgId + "?action=secret.").body().at("/pagination/total").asInt()).isEqualTo(4);
            assertThat(api.get("/v1/audit/" + orgId + "?action=secret.read").body().get("events")).hasSize(1);
            assertThat(api.get("/v1/audit/" + orgId + "?from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z").body().get("events")).isEmpty();
            assertThat(api.get("/v1/audit/" + orgId + "?from=yesterday").status()).isEqualTo(400);

            JsonNode ok = api.get("/v1/audit/" + orgId + "/verify").body();
            assertThat(ok.get("valid").asBoolean()).isTrue();
            assertThat(ok.get("events").asInt()).isEqualTo(7);

            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = server.context.getBean(TransactionOperations.class);
            tx.executeWrite(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "UPDATE audit_events SET detail = 'nothing to see' WHERE action = 'secret.read'")) {
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                return null;
            });
            JsonNode broken = api.get("/v1/audit/" + orgId + "/verify").body();
            assertThat(broken.get("valid").asBoolean()).isFalse();
            assertThat(broken.get("brokenAt").asLong()).isEqualTo(read.get("seq").asLong());

            // The failed login went to the platform chain, as a failure, in a transaction of its own (in the chain,
            // or still in the journal if the sealer has not passed yet).
            long failures = tx.executeRead(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "SELECT (SELECT COUNT(*) FROM audit_events WHERE action = 'auth.login' AND result = 'failure') "
                                + "+ (SELECT COUNT(*) FROM audit_journal WHERE action = 'auth.login' AND result = 'failure')");
                     var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(failures).isEqualTo(1);

            // The audit row is written in the change's own transaction: when it cannot be written, nothing changes.
            tx.executeWrite(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "ALTER TABLE audit_journal ADD CONSTRAINT audit_refuses_creates CHECK (resource NOT LIKE '%UNAUDITED%')")) {
                    ps.execute();
                }
                return null;
            });
            var refused = api.put("/v1/secrets/" + org + "/app/prod", Map.of("key", "UNAUDITED", "value", "unaudited-canary-5512"));
            assertThat(refused.status()).isEqualTo(500);
            assertThat(refused.raw().body()).doesNotContain("unaudited-canary-5512").doesNotContain("audit_refuses_creates");
            assertThat(api.get("/v1/secrets/" + org + "/app/prod/keys").body().toString()).as("the write was rolled back with its audit row")
                    .doesNotContain("UNAUDITED");
            tx.executeWrite(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement("ALTER TABLE audit_journal DROP CONSTRAINT audit_refuses_creates")) {
                    ps.execute();
                }
                return null;
            });
            assertThat(api.put("/v1/secrets/" + org + "/app/prod", Map.of("key", "UNAUDITED", "value", "v")).status()).isEqualTo(200);

            // Fail closed: a value read whose audit record cannot be written returns no value (503).
            api.put("/v1/secrets/" + org + "/app/prod", Map.of("key", "CLOSED", "value", "fail-closed-canary-7731"));
            tx.executeWrite(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "ALTER TABLE audit_journal ADD CONSTRAINT audit_refuses_reads CHECK (action <> 'secret.read')")) {
                    ps.execute();
                }
                return null;
            });
            for (String path : new String[] {"/v1/secrets/" + org + "/app/prod", "/v1/secrets/" + org + "/app/prod?keys=CLOSED"}) {
                var closed = api.get(path);
                assertThat(closed.status()).as(path).isEqualTo(503);
                assertThat(closed.raw().body()).doesNotContain("fail-closed-canary-7731").doesNotContain("audit_refuses_reads");
            }
            tx.executeWrite(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement("ALTER TABLE audit_journal DROP CONSTRAINT audit_refuses_reads")) {
                    ps.execute();
                }
                return null;
            });
            assertThat(api.get("/v1/secrets/" + org + "/app/prod?keys=CLOSED").raw().body()).contains("fail-closed-canary-7731");

            // Cutting off the newest event of a chain is caught too: the chain's head remembers it.
            Api tail = Api.withCookies(server.base).header("X-Requested-With", "hush");
            String tailOrg = tail.post("/v1/auth/register", Map.of("email", "tail@example.com", "password", "tail password 1234"))
                    .body().at("/org/id").asText();
            assertThat(tail.post("/v1/projects/" + tailOrg, Map.of("name", "T", "slug", "t")).status()).isEqualTo(201);
            assertThat(tail.get("/v1/audit/" + tailOrg + "/verify").body().get("valid").asBoolean()).isTrue();
            tx.executeWrite(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "DELETE FROM audit_events WHERE chain_id = ? AND seq = (SELECT MAX(seq) FROM audit_events WHERE chain_id = ?)")) {
                    ps.setObject(1, java.util.UUID.fromString(tailOrg));
                    ps.setObject(2, java.util.UUID.fromString(tailOrg));
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                return null;
            });
            assertThat(tail.get("/v1/audit/" + tailOrg + "/verify").body().get("valid").asBoolean()).as("the last event deleted").isFalse();
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
