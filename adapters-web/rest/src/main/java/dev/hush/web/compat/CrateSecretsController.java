package dev.hush.web.compat;

import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.RsaOaep;
import dev.hush.application.project.DefaultProject;
import dev.hush.application.sealed.OrgPublicKey;
import dev.hush.application.sealed.RetrieveSealed;
import dev.hush.application.secret.DeleteSecrets;
import dev.hush.application.secret.ListSecretKeys;
import dev.hush.application.secret.Paging;
import dev.hush.application.secret.SecretChange;
import dev.hush.application.secret.SecretQuery;
import dev.hush.application.secret.SetSecret;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.Tags;
import dev.hush.web.support.RequestLists;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Crate's Secrets API, as its reference documents it: organization admins (Admin or Owner role), sealed
 * transport only, snake_case fields, secrets kept in the organization's {@code default} project (created on
 * first use). Sealing is RSA-OAEP with SHA-256 and MGF1-SHA-256; retrieval answers an AES-256-GCM bundle
 * whose key is sealed to the client's temporary RSA key.
 */
@Controller("/organization/{id}/secrets")
@ExecuteOn("blocking")
@Tag(name = "crate-compat")
final class CrateSecretsController {
    private final DefaultProject defaultProject;
    private final SetSecret setSecret;
    private final ListSecretKeys listKeys;
    private final RetrieveSealed retrieveSealed;
    private final DeleteSecrets delete;
    private final OrgPublicKey publicKey;

    CrateSecretsController(DefaultProject defaultProject, SetSecret setSecret, ListSecretKeys listKeys,
                           RetrieveSealed retrieveSealed, DeleteSecrets delete, OrgPublicKey publicKey) {
        this.defaultProject = defaultProject;
        this.setSecret = setSecret;
        this.listKeys = listKeys;
        this.retrieveSealed = retrieveSealed;
        this.delete = delete;
        this.publicKey = publicKey;
    }

    @Serdeable
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true) // what Crate's and Poliglot's clients send may grow
    record StoreRequest(String name, String environment, @Nullable @JsonProperty("encrypted_value") String encryptedValue,
                        @Nullable @JsonProperty("encrypted_key") String encryptedKey, @Nullable Boolean sealed, @Nullable List<String> tags,
                        @Nullable String value) {
        @Override
        public String toString() { return "StoreRequest[" + name + "]"; }
    }

    @Serdeable
    record SecretView(String name, String environment, int version, List<String> tags, @JsonProperty("updated_at") Instant updatedAt) {}

    @Serdeable
    record SecretList(List<SecretView> secrets) {}

    @Serdeable
    record PublicKeyView(@JsonProperty("public_key_pem") String publicKeyPem, String algorithm) {}

    @Serdeable
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true) // what Crate's and Poliglot's clients send may grow
    record RetrieveRequest(String environment, @Nullable List<String> names, @Nullable List<String> tags,
                           @JsonProperty("public_key_pem") String publicKeyPem) {
        @Override
        public List<String> names() { return RequestLists.noNulls("names", names); }

        @Override
        public List<String> tags() { return RequestLists.noNulls("tags", tags); }
    }

    @Serdeable
    record RetrieveResponse(@JsonProperty("encrypted_secrets") String encryptedSecrets, @JsonProperty("encrypted_key") String encryptedKey) {}

    @Put
    @Operation(summary = "Crate: create or update a secret; sealed transport only (RSA-OAEP-256 to the organization's public key)")
    SecretView store(Caller caller, @PathVariable String id, @Body StoreRequest body) {
        defaultProject.requireAdmin(caller, id);
        if (body.value() != null || !Boolean.TRUE.equals(body.sealed())) {
            throw new Rejection(Rejection.Kind.INVALID, "sealed_transport_required",
                    "The Crate API accepts sealed values only: send sealed: true and encrypted_value (RSA-OAEP-256 to the organization's "
                            + "public key, base64), never a plaintext value.",
                    List.of(new Rejection.FieldError(body.value() != null ? "value" : "sealed", body.value() != null
                            ? "plaintext values are refused" : "must be true")));
        }
        if (body.encryptedValue() == null || body.encryptedValue().isBlank()) {
            throw Rejection.invalid("encrypted_value", "is required");
        }
        String env = requireEnvironment("environment", body.environment());
        SecretChange metadata = new SecretChange(SecretKey.of("name", body.name()), Optional.empty(),
                Optional.ofNullable(body.tags()).map(t -> Tags.of("tags", t)), Optional.empty(), Optional.empty());
        defaultProject.ensure(caller, id);
        var r = setSecret.setSealed(caller, id, DefaultProject.SLUG, env, metadata, new SetSecret.Sealed(body.encryptedValue(), body.encryptedKey()));
        return new SecretView(r.secret().key().value(), env, r.secret().version(), r.secret().tags().values(), r.secret().updatedAt());
    }

    @Get
    @Operation(summary = "Crate: list the secrets of an environment (optionally with all the given tags), without values")
    SecretList list(Caller caller, @PathVariable String id, @Nullable @QueryValue String env, @Nullable @QueryValue String tags) {
        String environment = requireEnvironment("env", env);
        if (!defaultProject.exists(caller, id)) {
            return new SecretList(List.of());
        }
        var r = listKeys.list(caller, id, DefaultProject.SLUG, environment, new SecretQuery(split(tags), Set.of(), "", Paging.ALL));
        return new SecretList(r.secrets().stream().filter(s -> s.hasValue())
                .map(s -> new SecretView(s.key().value(), environment, s.version(), s.tags().values(), s.updatedAt())).toList());
    }

    @Get("/public-key")
    @Operation(summary = "Crate: the organization's RSA public key (PEM) for sealing values")
    PublicKeyView publicKey(Caller caller, @PathVariable String id) {
        defaultProject.requireAdmin(caller, id);
        return new PublicKeyView(publicKey.get(caller, id).pem(), RsaOaep.ALGORITHM);
    }

    @Post("/retrieve")
    @Operation(summary = "Crate: values of an environment (by names and/or tags) in an AES-256-GCM bundle whose key is sealed to the client's RSA key")
    RetrieveResponse retrieve(Caller caller, @PathVariable String id, @Body RetrieveRequest body) {
        defaultProject.requireAdmin(caller, id);
        String env = requireEnvironment("environment", body.environment());
        RsaOaep.parseClientKey("public_key_pem", body.publicKeyPem());
        if (!defaultProject.exists(caller, id)) {
            throw Rejection.notFound("environment");
        }
        var r = retrieveSealed.retrieve(caller, id, DefaultProject.SLUG, env, body.names(), body.tags(), "public_key_pem", body.publicKeyPem());
        return new RetrieveResponse(r.bundle().encryptedSecrets(), r.bundle().encryptedKey());
    }

    @Delete("/{name}")
    @Operation(summary = "Crate: delete a secret from an environment (gone from lists and retrieval; its history stays in the audit trail)")
    HttpResponse<?> delete(Caller caller, @PathVariable String id, @PathVariable String name, @Nullable @QueryValue String env) {
        defaultProject.requireAdmin(caller, id);
        String environment = requireEnvironment("env", env);
        if (!defaultProject.exists(caller, id)) {
            throw Rejection.notFound("secret");
        }
        delete.deleteOne(caller, id, DefaultProject.SLUG, environment, name);
        return HttpResponse.noContent();
    }

    private static String requireEnvironment(String field, String env) {
        if (env == null || env.isBlank()) {
            throw Rejection.invalid(field, "is required (an environment such as dev, staging or prod)");
        }
        return env;
    }

    private static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
