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
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
