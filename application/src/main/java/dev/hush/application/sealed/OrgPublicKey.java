package dev.hush.application.sealed;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.Transactions;
import dev.hush.application.secret.Retries;
import dev.hush.application.tenant.Tenancy;
import java.util.UUID;

/** The organization's public keys for sealing values, RSA and X25519 (any member), and their rotation (owner/admin). */
public final class OrgPublicKey {
    private final Audit audit;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final OrgKeyPairs keyPairs;
    private final Transactions tx;

    public OrgPublicKey(Tenancy tenancy, ApiUsage usage, OrgKeyPairs keyPairs, Transactions tx, Audit audit) {
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.keyPairs = keyPairs;
        this.tx = tx;
    }

    public OrgKeyPairs.PublicKey get(Caller caller, String orgRef) {
        java.util.Optional<OrgKeyPairs.PublicKey> current = tx.read(() -> {
            UUID orgId = tenancy.org(caller, orgRef).org().id();
            usage.charge(caller, orgId);
            return keyPairs.current(orgId);
        });
        if (current.isPresent() && current.get().x25519PublicKey().isPresent()) {
            return current.get();
        }
        // No pair yet (a new organization whose background key generation has not finished): make the RSA pair
        // outside the transaction; a concurrent maker wins the insert and its pair is the one returned. A pair
        // made before X25519 sealed writes only gets its X25519 half (microseconds, inside the transaction).
        OrgKeyPairs.Prepared prepared = current.isPresent() ? null : OrgKeyPairs.prepare();
        return Retries.onConflict(() -> tx.write(() -> {
            UUID orgId = tenancy.org(caller, orgRef).org().id();
            usage.charge(caller, orgId);
            return prepared == null ? keyPairs.ensureX25519(orgId) : keyPairs.ensure(orgId, prepared);
        }));
    }

    /** Gives an organization its first key pair, or its pair an X25519 half, if it has none (the background step after a registration). */
    public void ensure(java.util.UUID orgId) {
        java.util.Optional<OrgKeyPairs.PublicKey> current = tx.read(() -> keyPairs.current(orgId));
        if (current.isPresent() && current.get().x25519PublicKey().isPresent()) {
            return;
        }
        OrgKeyPairs.Prepared prepared = current.isPresent() ? null : OrgKeyPairs.prepare();
        Retries.onConflict(() -> tx.write(() -> prepared == null ? keyPairs.ensureX25519(orgId) : keyPairs.ensure(orgId, prepared)));
    }

    /** Owner or admin with an organization-wide credential. */
    public OrgKeyPairs.PublicKey rotate(Caller caller, String orgRef) {
        tx.read(() -> {
            tenancy.org(caller, orgRef).access().requireOrgWideAdmin("rotate the organization's key pair");
            return null;
        });
        OrgKeyPairs.Prepared prepared = OrgKeyPairs.prepare();
        return tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireOrgWideAdmin("rotate the organization's key pair");
            OrgKeyPairs.PublicKey key = keyPairs.rotate(in.org().id(), prepared);
            audit.record(in.org().id(), caller, "org.key_pair.rotated", "org/" + in.org().slug(), "version " + key.version());
            return key;
        });
    }
}
