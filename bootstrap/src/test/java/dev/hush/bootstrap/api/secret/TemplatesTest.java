package dev.hush.bootstrap.api.secret;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    @Test
    void validate_reportsMissingAndExtraKeys() throws Exception {
        Path dir = Files.createTempDirectory("hush-tpl");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            Api cookies = Api.withCookies(server.base).header("X-Requested-With", "hush");
            var reg = cookies.post("/v1/auth/register", Map.of("email", "tpl@example.com", "password", "template password"));
            String orgId = reg.body().at("/org/id").asText();
            String org = reg.body().at("/org/slug").asText();
            Api api = Api.anonymous(server.base).withToken(cookies.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
            api.post("/v1/projects/" + orgId, Map.of("name", "App", "slug", "app"));
            String tpl = "/v1/templates/" + org + "/app";
            assertThat(api.post(tpl, Map.of("key", "DATABASE_URL", "description", "primary database")).status()).isEqualTo(201);
            assertThat(api.post(tpl, Map.of("key", "STRIPE_KEY")).status()).isEqualTo(201);
            assertThat(api.post(tpl, Map.of("key", "STRIPE_KEY")).code()).isEqualTo("template_key_exists");
            assertThat(api.post(tpl, Map.of("key", "9bad")).status()).isEqualTo(400);
            assertThat(api.get(tpl).body().get("keys").findValuesAsText("key")).containsExactly("DATABASE_URL", "STRIPE_KEY");

            api.put("/v1/secrets/" + org + "/app/dev", Map.of("key", "DATABASE_URL", "value", "x"));
            api.put("/v1/secrets/" + org + "/app/dev", Map.of("key", "DEBUG", "value", "1"));
            JsonNode v = api.get(tpl + "/validate/dev").body();
            assertThat(v.get("valid").asBoolean()).isFalse();
            assertThat(v.get("missing").findValuesAsText("")).isEmpty();
            assertThat(v.get("missing").toString()).isEqualTo("[\"STRIPE_KEY\"]");
            assertThat(v.get("extra").toString()).isEqualTo("[\"DEBUG\"]");

            api.put("/v1/secrets/" + org + "/app/dev", Map.of("key", "STRIPE_KEY", "value", "sk"));
            assertThat(api.get(tpl + "/validate/dev").body().get("valid").asBoolean()).isTrue();
            assertThat(api.delete(tpl + "/STRIPE_KEY").status()).isEqualTo(204);
            assertThat(api.delete(tpl + "/STRIPE_KEY").status()).isEqualTo(404);
            assertThat(api.get(tpl + "/validate/nope").code()).isEqualTo("environment_not_found");
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
