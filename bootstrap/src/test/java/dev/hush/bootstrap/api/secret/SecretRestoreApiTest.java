package dev.hush.bootstrap.api.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/secrets/{org}/{project}/{env}/versions/{key}/restore}: an old value as the newest version. */
class SecretRestoreApiTest {
    @Test
    void restore_earlierVersion_isTheNewestVersion_historyKept_badVersionRefused() throws Exception {
        Path dir = Files.createTempDirectory("hush-restore");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
            assertThat(session.post("/v1/auth/register", Map.of("email", "r@example.com", "password", "restore password 1")).status()).isEqualTo(201);
            String org = session.get("/v1/auth/me").body().at("/orgs/0/id").asText();
            Api api = Api.anonymous(server.base).withToken(session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
            assertThat(api.post("/v1/projects/" + org, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
            String env = "/v1/secrets/" + org + "/web/dev";
            api.put(env, Map.of("key", "K", "value", "one"));
            api.put(env, Map.of("key", "K", "value", "two"));

            var r = api.post(env + "/versions/K/restore", Map.of("version", 1));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().get("version").asInt()).isEqualTo(3);
            assertThat(r.body().get("changed").asBoolean()).isTrue();
            assertThat(r.body().toString()).doesNotContain("\"one\"");
            assertThat(api.get(env).body().at("/secrets/0/value").asText()).isEqualTo("one");
            assertThat(api.get(env + "/versions/K").body().get("versions")).hasSize(3);

            assertThat(api.post(env + "/versions/K/restore", Map.of("version", 9)).code()).isEqualTo("version_not_found");
            assertThat(api.post(env + "/versions/K/restore", Map.of()).code()).isEqualTo("validation_failed");
            assertThat(api.post(env + "/versions/NOPE/restore", Map.of("version", 1)).code()).isEqualTo("secret_not_found");
            assertThat(api.get(env + "/versions/K").body().get("versions")).hasSize(3);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
