package dev.hush.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.bootstrap.support.Api;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An organization the benchmark uses: its owner registered through the API (a personal organization comes with the
 * account) and an API token of the owner's, sent as a bearer token by the load generator.
 */
record Tenant(String orgId, String org, String token) {
    private static final String PASSWORD = "benchmark-password";

    static Tenant register(URI base, String email) {
        Api session = Api.withCookies(base).header("X-Requested-With", "hush");
        JsonNode reg = ok(session.post("/v1/auth/register", Map.of("email", email, "password", PASSWORD))).body();
        String token = ok(session.post("/v1/auth/token", Map.of("name", "bench"))).body().get("token").asText();
        return new Tenant(reg.at("/org/id").asText(), reg.at("/org/slug").asText(), token);
    }

    Api api(URI base) {
        return Api.anonymous(base).withToken(token);
    }

    void project(URI base, String slug) {
        ok(api(base).post("/v1/projects/" + orgId, Map.of("name", slug, "slug", slug)));
    }

    /** {@code count} secrets {@code SECRET_000...} in one environment (bulk import); returns the answer. */
    JsonNode secrets(URI base, String project, String env, int count) {
        List<Map<String, Object>> secrets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            secrets.add(Map.of("key", String.format("SECRET_%03d", i), "value", env + "-value-" + "x".repeat(24) + i, "tags", List.of("bench")));
        }
        return ok(api(base).post("/v1/secrets/" + org + "/" + project + "/" + env + "/bulk", Map.of("secrets", secrets))).body();
    }

    /** The organization's {@code secret.read} events in the audit log. */
    long auditedReads(URI base) {
        return ok(api(base).get("/v1/audit/" + orgId + "?action=secret.read&limit=1")).body().at("/pagination/total").asLong();
    }

    /** The answer, if it is a success (2xx). */
    static Api.Res ok(Api.Res res) {
        if (res.status() / 100 != 2) {
            throw new IllegalStateException("HTTP " + res.status() + ": " + res.raw().request().method() + " "
                    + res.raw().uri() + " " + res.raw().body());
        }
        return res;
    }
}
