package dev.hush.bootstrap.wiring;

import dev.hush.application.audit.Audit;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.keys.RotateProjectKey;
import dev.hush.application.keys.RotateRootKey;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.KeyRotations;
import dev.hush.application.port.OrganizationKeys;
import dev.hush.application.port.Projects;
import dev.hush.application.port.RootKeys;
import dev.hush.application.port.SealingKeys;
import dev.hush.application.port.Transactions;
import dev.hush.application.sealed.OrgKeyPairs;
import dev.hush.application.tenant.Tenancy;
import dev.hush.kms.host.RootKeyCheck;
import dev.hush.kms.host.RootKeyProviders;
import dev.hush.kms.host.SpiRootKeys;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/** Keys: the root key from the configured KMS provider, the key hierarchy under it, rotations, organizations' sealing key pairs. */
@Factory
final class KeyWiring {
    /** Opened at start-up (eagerly), so a wrong or missing root key stops the server before it serves anything. */
    @Context
    @Bean(preDestroy = "close")
    SpiRootKeys rootKeys(KmsSettings kms, CoreSettings core, Environment environment, Transactions tx, OrganizationKeys organizationKeys) {
        var stored = tx.read(organizationKeys::rootKeyIds);
        // The local key file is created only for an empty instance (or as the target of `hush kms migrate`):
        // a missing key must never be replaced silently.
        Map<String, String> overrides = "local".equals(kms.provider()) && !stored.isEmpty() && !kms.allowCreate()
                ? Map.of("create", "false") : Map.of();
        var rootKey = RootKeyProviders.open(kms.provider(), name -> environment.getProperty(name, String.class), core.dataPath(), overrides);
        if (kms.startupCheck()) {
            RootKeyCheck.verify(rootKey.keyId(), stored);
        }
        return new SpiRootKeys(rootKey);
    }

    @Singleton
    KeyHierarchy keyHierarchy(RootKeys rootKeys, OrganizationKeys organizationKeys, Projects projects, Clock clock, KeySettings.Cache cache) {
        return new KeyHierarchy(rootKeys, organizationKeys, projects, clock, cache.maxEntries(), cache.ttl());
    }

    @Singleton
    SecretCipher secretCipher(KeyHierarchy keys) { return new SecretCipher(keys); }

    @Singleton
    RotateRootKey rotateRootKey(OrganizationKeys organizationKeys, Transactions tx, Audit audit) {
        return new RotateRootKey(organizationKeys, tx, audit);
    }

    @Singleton
    RotateProjectKey rotateProjectKey(Tenancy tenancy, ApiUsage usage, KeyRotations rotations, KeyHierarchy keys, SecretCipher cipher, Transactions tx,
                                      Clock clock, KeySettings.Rotation rotation, Audit audit) {
        return new RotateProjectKey(tenancy, usage, rotations, keys, cipher, tx, clock, rotation.retireAfter(), audit);
    }

    @Singleton
    OrgKeyPairs orgKeyPairs(SealingKeys store, KeyHierarchy keys, Clock clock, KeySettings.Sealing sealing) {
        return new OrgKeyPairs(store, keys, clock, sealing.rotationGrace());
    }
}
