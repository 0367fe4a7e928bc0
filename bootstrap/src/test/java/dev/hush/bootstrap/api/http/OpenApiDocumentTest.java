package dev.hush.bootstrap.api.http;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code /v1/openapi.json} is OpenAPI 3.1 and lists every route the server actually has: {@code /v1} and the compatibility APIs. */
class OpenApiDocumentTest {
    @Test
    void openApi_listsEveryV1Route() throws Exception {
        Path dir = Files.createTempDirectory("hush-openapi");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            var res = Api.anonymous(server.base).get("/v1/openapi.json");
            assertThat(res.status()).isEqualTo(200);
            JsonNode doc = res.body();
            assertThat(doc.get("openapi").asText()).startsWith("3.1");

            Set<String> documented = new TreeSet<>();
            doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                    .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));

            Set<String> served = new TreeSet<>();
            server.context.getBean(Router.class).uriRoutes()
                    .map(r -> (UriRouteInfo<?, ?>) r)
                    .filter(r -> r.getUriMatchTemplate().toString().startsWith("/v1/") || r.getUriMatchTemplate().toString().startsWith("/organization/")
                            || r.getUriMatchTemplate().toString().startsWith("/api/v1/"))
                    .filter(r -> !r.getUriMatchTemplate().toString().equals("/v1/openapi.json"))
                    .filter(r -> !"HEAD".equals(r.getHttpMethodName())) // implied by GET
                    .forEach(r -> served.add(r.getHttpMethodName() + " " + r.getUriMatchTemplate()));

            assertThat(served).hasSizeGreaterThanOrEqualTo(18);
            assertThat(documented).containsAll(served);

            // What tools need (issue 16): a server, the two security schemes, readable unique operation ids, schema
            // names without Java class names, every error as problem+json, and no "string or null or object" types.
            assertThat(doc.at("/servers/0/url").asText()).isEqualTo(server.base.toString());
            assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
            assertThat(doc.at("/components/securitySchemes/cookie/name").asText()).isEqualTo("__hush_session");
            Set<String> ids = new TreeSet<>();
            doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
                String id = m.getValue().get("operationId").asText();
                assertThat(id).as(m.getKey() + " " + p.getKey()).matches("[a-z][a-zA-Z]+");
                assertThat(ids.add(id)).as("unique: " + id).isTrue();
                assertThat(m.getValue().at("/responses/400/content/application~1problem+json/schema/$ref").asText())
                        .isEqualTo("#/components/schemas/Problem");
            }));
            assertThat(ids).contains("pullSecrets", "setSecret", "diffEnvironments", "createToken");
            assertThat(doc.at("/paths/~1v1~1auth~1login/post/security").isEmpty()).as("public").isTrue();
            assertThat(doc.at("/paths/~1v1~1projects~1{orgId}/post/responses/201").isMissingNode()).isFalse();
            assertThat(doc.at("/paths/~1v1~1secrets~1{org}~1{project}~1{env}/get/responses/304").isMissingNode()).isFalse();
            doc.at("/components/schemas").fieldNames().forEachRemaining(n -> assertThat(n).doesNotContain("."));
            assertThat(doc.toString()).doesNotContain("\"null\",\"object\"]").doesNotContain("Dtos.").doesNotContain("Controller.");
            assertThat(doc.at("/components/schemas/SetRequest/required").toString()).isEqualTo("[\"key\"]");
            assertThat(doc.at("/components/schemas/SetRequest/properties/purposeType/enum").toString()).contains("\"APIKey\"");
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
