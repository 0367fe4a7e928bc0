package dev.hush.web.admin;

import dev.hush.application.auth.Caller;
import dev.hush.application.keys.RotateRootKey;
import dev.hush.application.port.RootKeys;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /v1/admin/kms}: root key operations (platform admin; 403 for everyone else). */
@Controller("/v1/admin/kms")
@ExecuteOn("blocking")
@Tag(name = "admin")
final class KmsAdminController {
    private final RotateRootKey rotateRootKey;
    private final RootKeys rootKeys;

    KmsAdminController(RotateRootKey rotateRootKey, RootKeys rootKeys) {
        this.rotateRootKey = rotateRootKey;
        this.rootKeys = rootKeys;
    }

    @Serdeable
    record RotationResult(int organizations, int rewrapped, int alreadyCurrent, String keyId, String keyVersion) {}

    @Post("/rotate")
    @Operation(summary = "Rewrap every organization key under the root key's current version (after rotating the key in the KMS); safe to re-run")
    RotationResult rotate(Caller caller) {
        var r = rotateRootKey.rotate(caller, rootKeys);
        return new RotationResult(r.organizations(), r.rewrapped(), r.alreadyCurrent(), r.keyId(), r.keyVersion());
    }
}
