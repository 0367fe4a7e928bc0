package dev.hush.web.member;

import dev.hush.application.auth.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hush.application.crypto.RsaOaep;
import dev.hush.application.crypto.X25519SealedValue;
import dev.hush.application.member.ManageOrganizations;
import dev.hush.application.sealed.OrgKeyPairs;
import dev.hush.application.sealed.OrgPublicKey;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;

/** {@code /v1/orgs}: create an organization (the caller owns it), delete one with everything in it (owner). */
@Controller("/v1/orgs")
@ExecuteOn("blocking")
@Tag(name = "organizations")
final class OrgsController {
    private final ManageOrganizations organizations;
    private final OrgPublicKey publicKey;

    OrgsController(ManageOrganizations organizations, OrgPublicKey publicKey) {
        this.organizations = organizations;
        this.publicKey = publicKey;
    }

    /**
     * The organization's sealing keys: RSA (PEM) and X25519 (raw 32 bytes, base64; sealed writes bind
     * {@code orgId} into their associated data), of one version.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PublicKeyView(String publicKeyPem, String algorithm, int version, Instant createdAt, UUID orgId, String x25519PublicKey,
                         String x25519Algorithm) {
        static PublicKeyView of(OrgKeyPairs.PublicKey k) {
            return new PublicKeyView(k.pem(), RsaOaep.ALGORITHM, k.version(), k.createdAt(), k.orgId(), k.x25519PublicKey().orElse(null),
                    k.x25519PublicKey().isPresent() ? X25519SealedValue.ALGORITHM : null);
        }
    }

    @Get("/{orgId}/public-key")
    @Operation(summary = "The organization's public keys for sealing values: RSA (PEM; RSA-OAEP with SHA-256 and MGF1-SHA-256) and "
            + "X25519 (x25519PublicKey, raw and base64; X25519-SHA256-A256GCM bound to organization, project, environment and key)")
    PublicKeyView publicKey(Caller caller, @PathVariable String orgId) {
        return PublicKeyView.of(publicKey.get(caller, orgId));
    }

    @Post("/{orgId}/public-key/rotate")
    @Operation(summary = "A new organization key pair (owner/admin); values sealed to the previous key still open during the grace period")
    PublicKeyView rotatePublicKey(Caller caller, @PathVariable String orgId) {
        return PublicKeyView.of(publicKey.rotate(caller, orgId));
    }

    @Serdeable
    record CreateRequest(String name, String slug) {}

    @Serdeable
    record OrgView(UUID id, String slug, String name, String role, Instant createdAt) {}

    @Post
    @Operation(summary = "Create an organization; the caller becomes its owner")
    MutableHttpResponse<OrgView> create(Caller caller, @Body CreateRequest body) {
        var org = organizations.create(caller, body.name(), body.slug());
        return HttpResponse.status(HttpStatus.CREATED).body(new OrgView(org.id(), org.slug().value(), org.name(), "owner", org.createdAt()));
    }

    @Serdeable
    record RenameRequest(@io.micronaut.core.annotation.Nullable String name) {}

    @Serdeable
    record Renamed(UUID id, String slug, String name) {}

    @Patch("/{orgId}")
    @Operation(summary = "Rename the organization (owner or admin); the slug stays")
    Renamed rename(Caller caller, @PathVariable String orgId, @Body RenameRequest body) {
        var org = organizations.rename(caller, orgId, body.name());
        return new Renamed(org.id(), org.slug().value(), org.name());
    }

    @Delete("/{orgId}")
    @Operation(summary = "Delete the organization with all its data; its key-encryption key is destroyed (owner)")
    HttpResponse<?> delete(Caller caller, @PathVariable String orgId) {
        organizations.delete(caller, orgId);
        return HttpResponse.noContent();
    }
}
