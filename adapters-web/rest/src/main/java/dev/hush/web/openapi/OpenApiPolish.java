package dev.hush.web.openapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finishes the document micronaut-openapi generates from the controllers, for the tools that read it (linters, client
 * generators, validators): the server, the two security schemes and which operations are public, readable operation ids,
 * each operation's real success status (201, 202, 204; 304 where a pull is conditional), every error as
 * {@code application/problem+json} with the {@code Problem} schema, enums for closed sets of words, schema names without
 * Java class names, and optional values typed as such (the generator writes {@code ["string","null","object"]}).
 * <p>
 * Works on the document as maps and lists; {@link #OPERATIONS} names every operation, and an operation it does not name
 * fails the start (and {@code OpenApiDocumentTest}), so a new route cannot go undocumented.
 */
final class OpenApiPolish {
    private OpenApiPolish() {}

    /** How one operation is documented: its id, success status, and whether it needs no credential. */
    record Op(String id, int status, boolean open) {}

    private static Op op(String id) { return new Op(id, 200, false); }

    private static Op op(String id, int status) { return new Op(id, status, false); }

    private static Op open(String id, int status) { return new Op(id, status, true); }

    static final Map<String, Op> OPERATIONS = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/v1/secrets/{workspace}", op("poliglotListSecrets")),
            Map.entry("POST /api/v1/secrets/{workspace}/pubkey", op("poliglotServerKey")),
            Map.entry("GET /api/v1/secrets/{workspace}/{secretId}", op("poliglotGetSecret")),
            Map.entry("GET /api/v1/secrets/{workspace}/{secretId}/value", op("poliglotGetValue")),
            Map.entry("PUT /api/v1/secrets/{workspace}/{secretId}/value", op("poliglotSetValue", 204)),
            Map.entry("GET /organization/{id}/secrets", op("crateListSecrets")),
            Map.entry("PUT /organization/{id}/secrets", op("crateStoreSecret")),
            Map.entry("GET /organization/{id}/secrets/public-key", op("crateGetPublicKey")),
            Map.entry("POST /organization/{id}/secrets/retrieve", op("crateRetrieveSecrets")),
            Map.entry("DELETE /organization/{id}/secrets/{name}", op("crateDeleteSecret", 204)),
            Map.entry("POST /v1/admin/kms/rotate", op("adminRotateRootKey")),
            Map.entry("GET /v1/admin/metrics/summary", op("adminGetMetricsSummary")),
            Map.entry("GET /v1/admin/orgs", op("adminListOrgs")),
            Map.entry("GET /v1/admin/orgs/{orgId}", op("adminGetOrg")),
            Map.entry("PATCH /v1/admin/orgs/{orgId}", op("adminUpdateOrg")),
            Map.entry("GET /v1/admin/plans", op("adminListPlans")),
            Map.entry("PUT /v1/admin/plans/{planName}", op("adminUpdatePlan")),
            Map.entry("GET /v1/admin/stats", op("adminGetStats")),
            Map.entry("GET /v1/audit/{orgId}", op("listAuditEvents")),
            Map.entry("GET /v1/audit/{orgId}/verify", op("verifyAuditChain")),
            Map.entry("POST /v1/auth/change-password", op("changePassword", 204)),
            Map.entry("POST /v1/auth/cli-auth", open("startCliLogin", 201)),
            Map.entry("POST /v1/auth/cli-auth/approve", op("approveCliLogin", 204)),
            Map.entry("POST /v1/auth/cli-auth/token", open("pollCliLogin", 201)),
            Map.entry("POST /v1/auth/forgot-password", open("forgotPassword", 202)),
            Map.entry("POST /v1/auth/login", open("login", 200)),
            Map.entry("POST /v1/auth/logout", op("logout", 204)),
            Map.entry("GET /v1/auth/me", op("getMe")),
            Map.entry("POST /v1/auth/register", open("register", 201)),
            Map.entry("POST /v1/auth/reset-password", open("resetPassword", 204)),
            Map.entry("POST /v1/auth/send-verification", op("sendVerificationEmail", 202)),
            Map.entry("POST /v1/auth/token", op("createToken", 201)),
            Map.entry("GET /v1/auth/tokens", op("listTokens")),
            Map.entry("DELETE /v1/auth/tokens/{tokenId}", op("revokeToken", 204)),
            Map.entry("POST /v1/auth/verify-email", open("verifyEmail", 204)),
            Map.entry("POST /v1/billing/webhook", open("receiveStripeEvent", 200)),
            Map.entry("GET /v1/billing/{orgId}", op("getBilling")),
            Map.entry("POST /v1/billing/{orgId}/checkout", op("startCheckout")),
            Map.entry("POST /v1/billing/{orgId}/portal", op("openBillingPortal")),
            Map.entry("POST /v1/members/invite/{token}/accept", op("acceptInvite")),
            Map.entry("GET /v1/members/{orgId}", op("listMembers")),
            Map.entry("POST /v1/members/{orgId}/invite", op("inviteMember", 201)),
            Map.entry("DELETE /v1/members/{orgId}/invites/{inviteId}", op("revokeInvite", 204)),
            Map.entry("DELETE /v1/members/{orgId}/{memberId}", op("removeMember", 204)),
            Map.entry("PATCH /v1/members/{orgId}/{memberId}", op("changeMemberRole", 204)),
            Map.entry("POST /v1/orgs", op("createOrg", 201)),
            Map.entry("DELETE /v1/orgs/{orgId}", op("deleteOrg", 204)),
            Map.entry("PATCH /v1/orgs/{orgId}", op("renameOrg")),
            Map.entry("GET /v1/orgs/{orgId}/public-key", op("getOrgPublicKey")),
            Map.entry("POST /v1/orgs/{orgId}/public-key/rotate", op("rotateOrgPublicKey")),
            Map.entry("GET /v1/projects/{orgId}", op("listProjects")),
            Map.entry("POST /v1/projects/{orgId}", op("createProject", 201)),
            Map.entry("GET /v1/projects/{orgId}/{slug}", op("getProject")),
            Map.entry("DELETE /v1/projects/{orgId}/{slug}", op("deleteProject", 204)),
            Map.entry("POST /v1/projects/{orgId}/{slug}/environments", op("createEnvironment", 201)),
            Map.entry("POST /v1/projects/{orgId}/{slug}/rotate-key", op("rotateProjectKey")),
            Map.entry("GET /v1/secrets/{org}/{project}/diff", op("diffEnvironments")),
            Map.entry("POST /v1/secrets/{org}/{project}/promote", op("promoteSecrets")),
            Map.entry("GET /v1/secrets/{org}/{project}/{env}", op("pullSecrets")),
            Map.entry("PUT /v1/secrets/{org}/{project}/{env}", op("setSecret")),
            Map.entry("POST /v1/secrets/{org}/{project}/{env}/bulk", op("bulkSetSecrets")),
            Map.entry("POST /v1/secrets/{org}/{project}/{env}/bulk-delete", op("bulkDeleteSecrets")),
            Map.entry("GET /v1/secrets/{org}/{project}/{env}/events", op("watchEnvironment")),
            Map.entry("GET /v1/secrets/{org}/{project}/{env}/keys", op("listSecretKeys")),
            Map.entry("POST /v1/secrets/{org}/{project}/{env}/retrieve", op("retrieveSealedSecrets")),
            Map.entry("GET /v1/secrets/{org}/{project}/{env}/versions/{key}", op("listSecretVersions")),
            Map.entry("POST /v1/secrets/{org}/{project}/{env}/versions/{key}/restore", op("restoreSecretVersion")),
            Map.entry("DELETE /v1/secrets/{org}/{project}/{env}/{key}", op("deleteSecret", 204)),
            Map.entry("GET /v1/templates/{org}/{project}", op("listTemplateKeys")),
            Map.entry("POST /v1/templates/{org}/{project}", op("addTemplateKey", 201)),
            Map.entry("GET /v1/templates/{org}/{project}/validate/{env}", op("validateTemplate")),
            Map.entry("DELETE /v1/templates/{org}/{project}/{key}", op("removeTemplateKey", 204)),
            Map.entry("GET /v1/webhooks/{orgId}", op("listWebhooks")),
            Map.entry("POST /v1/webhooks/{orgId}", op("createWebhook", 201)),
            Map.entry("GET /v1/webhooks/{orgId}/{id}", op("getWebhook")),
            Map.entry("DELETE /v1/webhooks/{orgId}/{id}", op("deleteWebhook", 204)),
            Map.entry("PATCH /v1/webhooks/{orgId}/{id}", op("updateWebhook")),
            Map.entry("POST /v1/webhooks/{orgId}/{id}/deliveries/{deliveryId}/redeliver", op("redeliverWebhook", 202)),
            Map.entry("POST /v1/webhooks/{orgId}/{id}/rotate-secret", op("rotateWebhookSecret")),
            Map.entry("POST /v1/webhooks/{orgId}/{id}/test", op("testWebhook"))));

    /** Closed sets of words, by the name of the property or parameter that holds one. */
    static final Map<String, List<String>> ENUMS = Map.of(
            "mode", List.of("full", "preview"),
            "format", List.of("json", "map", "dotenv"),
            "purposeType", List.of("APIKey", "SSHKey", "UsernamePassword", "Other"),
            "role", List.of("owner", "admin", "developer", "viewer"),
            "readLevel", List.of("dev", "staging", "prod"));

    /** Conditional pulls: they answer 304 to a current If-None-Match. */
    private static final Set<String> CONDITIONAL = Set.of("GET /v1/secrets/{org}/{project}/{env}", "POST /v1/secrets/{org}/{project}/{env}/retrieve");

    private static final Map<Integer, String> ERRORS = new TreeMap<>(Map.of(
            400, "the request is invalid (a field, the JSON, a parameter): nothing was changed",
            401, "no credential, or an invalid, expired or revoked one",
            403, "the caller's role or token does not allow this",
            404, "no such resource, one of another organization, or a feature this server does not offer (billing)",
            409, "a conflict with the current state",
            413, "the body is too large",
            429, "too many requests: Retry-After says when to try again",
            503, "a dependency is unavailable: Retry-After says when to try again"));

    @SuppressWarnings("unchecked")
    static Map<String, Object> polish(Map<String, Object> doc, String publicUrl) {
        doc.put("servers", List.of(Map.of("url", publicUrl, "description", "this Hush server")));
        Map<String, Object> components = (Map<String, Object>) doc.computeIfAbsent("components", k -> new LinkedHashMap<>());
        components.put("securitySchemes", new LinkedHashMap<>(Map.of(
                "bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "hush_tok_...",
                        "description", "An API token (hush token create, or POST /v1/auth/token)"),
                "cookie", Map.of("type", "apiKey", "in", "cookie", "name", "__hush_session",
                        "description", "The dashboard's session; writes must also send X-Requested-With: hush"))));
        doc.put("security", List.of(Map.of("bearer", List.of()), Map.of("cookie", List.of())));
        Map<String, Object> schemas = (Map<String, Object>) components.computeIfAbsent("schemas", k -> new LinkedHashMap<>());
        Map<String, String> renamed = renameSchemas(schemas);
        schemas.put("Problem", problemSchema());
        schemas.put("FieldError", Map.of("type", "object", "required", List.of("field", "message"),
                "properties", Map.of("field", Map.of("type", "string"), "message", Map.of("type", "string"))));

        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        for (var path : paths.entrySet()) {
            Map<String, Object> item = (Map<String, Object>) path.getValue();
            for (var method : item.entrySet()) {
                if (!(method.getValue() instanceof Map<?, ?>)) {
                    continue;
                }
                String key = method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                Op op = OPERATIONS.get(key);
                if (op == null) {
                    throw new IllegalStateException("OpenApiPolish.OPERATIONS does not name " + key + ": give it an operation id and status");
                }
                operation((Map<String, Object>) method.getValue(), key, op);
            }
        }
        Object fixed = walk(doc, renamed, null);
        return (Map<String, Object>) fixed;
    }

    @SuppressWarnings("unchecked")
    private static void operation(Map<String, Object> o, String key, Op op) {
        o.put("operationId", op.id());
        if (op.open()) {
            o.put("security", List.of());
        }
        Map<String, Object> responses = new LinkedHashMap<>((Map<String, Object>) o.getOrDefault("responses", Map.of()));
        Object ok = responses.remove("200");
        Map<String, Object> success = ok instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        success.put("description", switch (op.status()) {
            case 201 -> "created";
            case 202 -> "accepted";
            case 204 -> "done; no body";
            default -> "the result";
        });
        if (op.status() == 204 || op.status() == 202) {
            success.remove("content"); // no body: HttpResponse.noContent() or accepted()
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(String.valueOf(op.status()), success);
        responses.forEach(out::putIfAbsent);
        if (CONDITIONAL.contains(key)) {
            out.put("304", Map.of("description", "not modified: If-None-Match names the current ETag (no body)"));
        }
        for (var e : ERRORS.entrySet()) {
            int status = e.getKey();
            if ((status == 401 || status == 403) && op.open()) {
                continue;
            }
            if (status == 409 && key.startsWith("GET ")) {
                continue;
            }
            out.putIfAbsent(String.valueOf(status), Map.of("description", e.getValue(),
                    "content", Map.of("application/problem+json", Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")))));
        }
        o.put("responses", out);
    }

    private static Map<String, Object> problemSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("type", Map.of("type", "string", "description", "a URI naming the kind of problem"));
        props.put("title", Map.of("type", "string"));
        props.put("status", Map.of("type", "integer", "description", "the HTTP status"));
        props.put("detail", Map.of("type", "string", "description", "what went wrong, for a person; never a secret value"));
        props.put("code", Map.of("type", "string", "description", "a stable machine code, e.g. secret_not_found, validation_failed, rate_limited"));
        props.put("errors", Map.of("type", "array", "items", Map.of("$ref", "#/components/schemas/FieldError")));
        props.put("instance", Map.of("type", "string"));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("description", "An RFC 9457 problem (application/problem+json)");
        s.put("required", List.of("type", "title", "status", "code"));
        s.put("properties", props);
        return s;
    }

    /** {@code SecretDtos.SetRequest} becomes {@code SetRequest}; where two would be named alike, the outer name stays in front ({@code AdminOrgView}). */
    private static Map<String, String> renameSchemas(Map<String, Object> schemas) {
        Map<String, Integer> simpleCounts = new HashMap<>();
        for (String name : schemas.keySet()) {
            simpleCounts.merge(simple(name), 1, Integer::sum);
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        for (String name : List.copyOf(schemas.keySet())) {
            String simple = simple(name);
            String fresh = simpleCounts.get(simple) > 1 && name.contains(".")
                    ? name.substring(0, name.indexOf('.')).replaceAll("(Dtos|Controller|Pages)$", "") + simple : simple;
            if (!fresh.equals(name)) {
                renamed.put(name, fresh);
            }
        }
        Map<String, Object> copy = new LinkedHashMap<>(schemas);
        schemas.clear();
        copy.forEach((k, v) -> schemas.put(renamed.getOrDefault(k, k), v));
        return renamed;
    }

    private static String simple(String name) { return name.substring(name.lastIndexOf('.') + 1); }

    /**
     * Rewrites references to renamed schemas, optional types ({@code ["string","null","object"]} becomes
     * {@code ["string","null"]}, or {@code "string"} for a parameter, which is optional by not being required), and adds
     * the enums of {@link #ENUMS}.
     */
    @SuppressWarnings("unchecked")
    private static Object walk(Object node, Map<String, String> renamed, String name) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) raw);
            boolean parameter = map.get("in") instanceof String && map.get("name") instanceof String;
            for (var e : new ArrayList<>(map.entrySet())) {
                String key = e.getKey();
                Object value = e.getValue();
                if (key.equals("$ref") && value instanceof String ref && ref.startsWith("#/components/schemas/")) {
                    String target = ref.substring("#/components/schemas/".length());
                    map.put(key, "#/components/schemas/" + renamed.getOrDefault(target, target));
                } else if (key.equals("type") && value instanceof List<?> types && types.contains("object") && types.size() > 1) {
                    List<Object> kept = new ArrayList<>(types);
                    kept.remove("object");
                    map.put(key, kept.size() == 1 ? kept.get(0) : kept);
                } else if (key.equals("properties") && value instanceof Map<?, ?> props) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    ((Map<String, Object>) props).forEach((p, schema) -> out.put(p, walk(schema, renamed, p)));
                    map.put(key, out);
                } else if (parameter && key.equals("schema")) {
                    map.put(key, walk(value, renamed, (String) map.get("name")));
                } else {
                    map.put(key, walk(value, renamed, null));
                }
            }
            if ("null".equals(map.get("type")) && map.get("allOf") instanceof List<?> all && all.size() == 1) {
                // The generator's "nullable reference" says "null and the referenced object" at once: either of them.
                map.remove("type");
                map.remove("allOf");
                map.put("anyOf", List.of(all.get(0), Map.of("type", "null")));
            }
            if (parameter && map.get("schema") instanceof Map<?, ?> schema && schema.get("type") instanceof List<?> types) {
                Map<String, Object> s = new LinkedHashMap<>((Map<String, Object>) schema);
                s.put("type", types.stream().map(Object::toString).filter(t -> !"null".equals(t)).findFirst().orElse("string"));
                if (s.get("enum") instanceof List<?> values) {
                    s.put("enum", values.stream().filter(java.util.Objects::nonNull).toList());
                }
                map.put("schema", s);
            }
            if (name != null && ENUMS.containsKey(name) && ("string".equals(map.get("type")) || map.get("type") instanceof List<?> t && t.contains("string"))
                    && !map.containsKey("enum")) {
                List<Object> values = new ArrayList<>(ENUMS.get(name));
                if (map.get("type") instanceof List<?> t && t.contains("null")) {
                    values.add(null);
                }
                map.put("enum", values);
            }
            return map;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(walk(o, renamed, name));
            }
            return out;
        }
        return node;
    }
}
