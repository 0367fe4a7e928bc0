package dev.hush.application.sealed;

import dev.hush.application.auth.Caller;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;

/** The organization's public key for sealing values (any member), and its rotation (owner/admin). */
public final class OrgPublicKey {
    private final dev.hush.application.audit.Audit audit;
    private final Tenancy tenancy;
    private final OrgKeyPairs keyPairs;
    private final Transactions tx;

    public OrgPublicKey(Tenancy tenancy, OrgKeyPairs keyPairs, Transactions tx, dev.hush.application.audit.Audit audit) {
        this.audit = audit;
        this.tenancy = tenancy;
        this.keyPairs = keyPairs;
        this.tx = tx;
    }

    public OrgKeyPairs.PublicKey get(Caller caller, String orgRef) {
        return dev.hush.application.secret.Retries.onConflict(() -> tx.write(() -> keyPairs.current(tenancy.org(caller, orgRef).org().id())));
    }

    /** Owner or admin with an organization-wide credential. */
    public OrgKeyPairs.PublicKey rotate(Caller caller, String orgRef) {
        tx.read(() -> {
            tenancy.orgUnmetered(caller, orgRef).access().requireOrgWideAdmin("rotate the organization's key pair");
            return null;
        });
        OrgKeyPairs.Prepared prepared = OrgKeyPairs.prepare();
        return tx.write(() -> {
            Tenancy.InOrg in = tenancy.orgUnmetered(caller, orgRef);
            in.access().requireOrgWideAdmin("rotate the organization's key pair");
            OrgKeyPairs.PublicKey key = keyPairs.rotate(in.org().id(), prepared);
            audit.record(in.org().id(), caller, "org.key_pair.rotated", "org/" + in.org().slug(), "version " + key.version());
            return key;
        });
    }
}
