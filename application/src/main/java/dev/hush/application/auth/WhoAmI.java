package dev.hush.application.auth;

import dev.hush.application.port.Organizations;
import dev.hush.application.port.Transactions;
import java.util.List;

/** The caller and the organizations their credential can reach, with their role in each. */
public final class WhoAmI {
    private final Organizations organizations;
    private final Transactions tx;

    public WhoAmI(Organizations organizations, Transactions tx) {
        this.organizations = organizations;
        this.tx = tx;
    }

    public List<Organizations.Membership> memberships(Caller caller) {
        return tx.read(() -> organizations.membershipsOf(caller.userId()).stream()
                .filter(m -> caller.scope().coversOrg(m.org().id()))
                .toList());
    }
}
