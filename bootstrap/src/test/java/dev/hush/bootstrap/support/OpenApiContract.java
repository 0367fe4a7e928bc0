package dev.hush.bootstrap.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A served OpenAPI 3.1 document as a contract for real answers: the status must be one the operation declares, and a
 * JSON body must validate against the declared schema of its media type (networknt's JSON Schema 2020-12 validator,
 * the dialect of OpenAPI 3.1), references resolved within the document.
 */
public final class OpenApiContract {
    private final JsonNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    public OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** What is wrong with this answer of {@code method path} (a route template as the server has it), if anything. */
    public Optional<String> check(String method, String path, Api.Res res) {
        if (!path.startsWith("/v1/") && !path.startsWith("/organization/") && !path.startsWith("/api/v1/")) {
            return Optional.empty(); // /health and /metrics: Micronaut's management endpoints, not the API
        }
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            return Optional.of(method + " " + path + " is not in the document");
        }
        JsonNode response = operation.path("responses").path(String.valueOf(res.status()));
        if (response.isMissingNode()) {
            return Optional.of(method + " " + path + " answered " + res.status() + ", which it does not declare");
        }
        String contentType = res.header("content-type");
        String body = res.raw().body();
        if (body == null || body.isEmpty()) {
            return response.path("content").isMissingNode() || res.status() == 204 || res.status() == 304 ? Optional.empty()
                    : Optional.of(method + " " + path + " " + res.status() + ": an empty body where the document declares one");
        }
        if (contentType == null || !contentType.contains("json")) {
            return Optional.empty();
        }
        String media = contentType.split(";")[0].strip();
        JsonNode schema = response.path("content").path(media).path("schema");
        if (schema.isMissingNode()) {
            return Optional.of(method + " " + path + " " + res.status() + ": " + media + " is not declared");
        }
        Set<ValidationMessage> problems = schemaFor(schema).validate(res.body());
        return problems.isEmpty() ? Optional.empty()
                : Optional.of(method + " " + path + " " + res.status() + ": " + problems.stream().map(ValidationMessage::getMessage).sorted().toList());
    }

    private JsonSchema schemaFor(JsonNode schema) {
        return schemas.computeIfAbsent(schema.toString(), k -> {
            ObjectNode root = schema.deepCopy();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("components", document.get("components"));
            return factory.getSchema(root);
        });
    }
}
