package dev.hush.web.compat;

import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.X25519Box;
import dev.hush.application.sealed.WorkspaceSecrets;
import dev.hush.domain.Rejection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Poliglot's Secret API, as documented: workspace = organization slug, the {@code {success, data}}
 * envelope, end-to-end encrypted values (X25519, BLAKE2b-256, XChaCha20-Poly1305), five-minute server
 * keys, and at most 100 value reads per user and workspace per hour. A secret's id is the Hush secret's
 * id (shown by {@code GET /v1/secrets/.../keys}) and its URI is {@code project/environment/key}.
 */
@Controller("/api/v1/secrets/{workspace}")
@ExecuteOn("blocking")
@Tag(name = "poliglot-compat")
final class PoliglotSecretsController {
    private final WorkspaceSecrets workspaceSecrets;

    PoliglotSecretsController(WorkspaceSecrets workspaceSecrets) {
        this.workspaceSecrets = workspaceSecrets;
    }

    @Serdeable
    record PubKey(String serverPublicKey, String keyId, String algorithm, Instant expiresAt) {}

    @Serdeable
    record PubKeyEnvelope(boolean success, PubKey data) {}

    @Serdeable
    record SecretInfo(UUID id, String uri, @Nullable String description, boolean hasValue, Instant createdAt, Instant updatedAt,
                      @Nullable Instant lastAccessedAt, long accessCount, Object matrix) {}

    @Serdeable
    record SecretEnvelope(boolean success, SecretInfo data) {}

    @Serdeable
    record PageInfo(int number, int size, int totalElements, int totalPages) {}

    @Serdeable
    record ListEnvelope(boolean success, List<SecretInfo> data, PageInfo page) {}

    @Serdeable
    record Value(String encryptedValue, String nonce, String serverPublicKey, String algorithm) {}

    @Serdeable
    record ValueEnvelope(boolean success, Value data) {}

    @Serdeable
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true) // what Crate's and Poliglot's clients send may grow
    record SetValueRequest(@Nullable String encryptedValue, @Nullable String nonce, @Nullable String clientPublicKey, @Nullable String keyId,
                           @Nullable String scope) {
        @Override
        public String toString() { return "SetValueRequest"; }
    }

    @Post("/pubkey")
    @Operation(summary = "Poliglot: a fresh X25519 server key for end-to-end encrypting values; it expires after five minutes")
    PubKeyEnvelope pubkey(Caller caller, @PathVariable String workspace) {
        var key = workspaceSecrets.issueKey(caller, workspace);
        return new PubKeyEnvelope(true, new PubKey(Base64.getEncoder().encodeToString(key.publicKey()), key.keyId().toString(),
                X25519Box.ALGORITHM, key.expiresAt()));
    }

    @Get
    @Operation(summary = "Poliglot: list the workspace's secrets, optionally by URI prefix (page is 0-based, size at most 100)")
    ListEnvelope list(Caller caller, @PathVariable String workspace, @Nullable @QueryValue String prefix,
                      @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size) {
        int number = page == null ? 0 : page;
        int pageSize = size == null ? 20 : size;
        var r = workspaceSecrets.list(caller, workspace, prefix, number, pageSize);
        return new ListEnvelope(true, r.items().stream().map(PoliglotSecretsController::info).toList(),
                new PageInfo(r.page(), r.size(), r.total(), (r.total() + r.size() - 1) / r.size()));
    }

    @Get("/{secretId}")
    @Operation(summary = "Poliglot: a secret's metadata")
    SecretEnvelope get(Caller caller, @PathVariable String workspace, @PathVariable String secretId) {
        return new SecretEnvelope(true, info(workspaceSecrets.get(caller, workspace, secretId)));
    }

    @Get("/{secretId}/value")
    @Operation(summary = "Poliglot: the value, end-to-end encrypted to the client's X25519 key (header X-Ephemeral-Pubkey, or query "
            + "clientPublicKey + keyId); 100 reads per user and workspace per hour")
    ValueEnvelope value(Caller caller, @PathVariable String workspace, @PathVariable String secretId,
                        @Nullable @Header("X-Ephemeral-Pubkey") String ephemeralPubkey, @Nullable @QueryValue String clientPublicKey,
                        @Nullable @QueryValue String keyId, @Nullable @QueryValue String scope) {
        WorkspaceSecrets.Handshake handshake;
        if (keyId != null) {
            if (clientPublicKey == null) {
                throw Rejection.invalid("clientPublicKey", "is required with keyId");
            }
            handshake = new WorkspaceSecrets.Handshake(x25519("clientPublicKey", clientPublicKey), Optional.of(uuid("keyId", keyId)));
        } else if (ephemeralPubkey != null || clientPublicKey != null) {
            handshake = new WorkspaceSecrets.Handshake(ephemeralPubkey != null ? x25519("X-Ephemeral-Pubkey", ephemeralPubkey)
                    : x25519("clientPublicKey", clientPublicKey), Optional.empty());
        } else {
            throw new Rejection(Rejection.Kind.INVALID, "ephemeral_key_required",
                    "Send your ephemeral X25519 public key (32 bytes, base64) in the X-Ephemeral-Pubkey header, or as clientPublicKey with the keyId of a server key.",
                    List.of(new Rejection.FieldError("X-Ephemeral-Pubkey", "is required")));
        }
        var boxed = workspaceSecrets.readValue(caller, workspace, secretId, handshake, WorkspaceSecrets.Scope.parse(scope));
        Base64.Encoder b64 = Base64.getEncoder();
        return new ValueEnvelope(true, new Value(b64.encodeToString(boxed.ciphertext()), b64.encodeToString(boxed.nonce()),
                b64.encodeToString(boxed.serverPublicKey()), X25519Box.ALGORITHM));
    }

    @Put("/{secretId}/value")
    @Operation(summary = "Poliglot: set the value, end-to-end encrypted to a server key from /pubkey (scope workspace, or principal for a personal value)")
    HttpResponse<?> setValue(Caller caller, @PathVariable String workspace, @PathVariable String secretId, @Body SetValueRequest body) {
        List<Rejection.FieldError> errors = new ArrayList<>();
        byte[] ciphertext = decode(errors, "encryptedValue", body.encryptedValue(), -1);
        byte[] nonce = decode(errors, "nonce", body.nonce(), X25519Box.NONCE_BYTES);
        byte[] clientKey = decode(errors, "clientPublicKey", body.clientPublicKey(), X25519Box.KEY_BYTES);
        UUID key = null;
        if (body.keyId() == null) {
            errors.add(new Rejection.FieldError("keyId", "is required"));
        } else {
            try {
                key = UUID.fromString(body.keyId());
            } catch (IllegalArgumentException e) {
                errors.add(new Rejection.FieldError("keyId", "is unknown"));
            }
        }
        if (ciphertext != null && ciphertext.length > 65_536 + 16) {
            errors.add(new Rejection.FieldError("encryptedValue", "is longer than a value may be (64 KiB)"));
        }
        WorkspaceSecrets.Scope scope = WorkspaceSecrets.Scope.parse(body.scope()).orElse(WorkspaceSecrets.Scope.WORKSPACE);
        if (!errors.isEmpty()) {
            throw Rejection.invalid(errors);
        }
        workspaceSecrets.setValue(caller, workspace, secretId, new WorkspaceSecrets.NewValue(ciphertext, nonce, clientKey, key, scope));
        return HttpResponse.noContent();
    }

    private static SecretInfo info(WorkspaceSecrets.Located l) {
        var s = l.secret();
        return new SecretInfo(s.id(), l.uri(), s.description(), s.hasValue(), l.createdAt(), s.updatedAt(), s.lastAccessedAt().orElse(null),
                s.accessCount(), null);
    }

    private static byte[] x25519(String field, String b64) {
        List<Rejection.FieldError> errors = new ArrayList<>();
        byte[] key = decode(errors, field, b64, X25519Box.KEY_BYTES);
        if (!errors.isEmpty()) {
            throw new Rejection(Rejection.Kind.INVALID, "invalid_public_key", "Invalid ephemeral public key: " + field + " "
                    + errors.get(0).message() + ".", errors);
        }
        return key;
    }

    private static UUID uuid(String field, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new Rejection(Rejection.Kind.INVALID, "unknown_key_id", "Unknown keyId: request a server key from /pubkey first.",
                    List.of(new Rejection.FieldError(field, "is unknown")));
        }
    }

    /** Standard base64 (a '+' turned into a space by form decoding is tolerated); {@code length} -1 for any non-empty length. */
    private static byte[] decode(List<Rejection.FieldError> errors, String field, String b64, int length) {
        if (b64 == null || b64.isEmpty()) {
            errors.add(new Rejection.FieldError(field, "is required"));
            return null;
        }
        if (b64.length() > 100_000) {
            errors.add(new Rejection.FieldError(field, "is too long"));
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b64.strip().replace(' ', '+'));
        } catch (IllegalArgumentException e) {
            errors.add(new Rejection.FieldError(field, "must be standard base64"));
            return null;
        }
        if (length >= 0 && bytes.length != length) {
            errors.add(new Rejection.FieldError(field, "must be " + length + " bytes (base64)"));
            return null;
        }
        if (bytes.length == 0) {
            errors.add(new Rejection.FieldError(field, "is empty"));
            return null;
        }
        return bytes;
    }
}
