package dev.hush.application.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.access.Permission;
import dev.hush.domain.access.Role;
import dev.hush.domain.access.TokenScope;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WhoAmITest {
    private final World world = new World();

    @Test
    void memberships_session_listsEveryOrgWithRoleBySlug_tokenOnlyItsOrg() {
        var ada = world.user("ada@example.com");
        var zeta = world.org(ada, "zeta");
        var bob = world.user("bob@example.com");
        var alpha = world.org(bob, "alpha");
        world.join(alpha, ada, Role.VIEWER);
        world.org(bob, "hidden");

        assertThat(world.whoAmI.memberships(World.session(ada))).extracting(m -> m.org().slug().value(), m -> m.role())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", Role.VIEWER), org.assertj.core.groups.Tuple.tuple("zeta", Role.OWNER));

        var scoped = World.token(ada, new TokenScope(Optional.of(zeta.id()), Set.of(), Set.of(), Set.of(Permission.READ)));
        assertThat(world.whoAmI.memberships(scoped)).extracting(m -> m.org().id()).containsExactly(zeta.id());
    }
}
