package dev.hush.application.secret;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.access.Permission;
import dev.hush.domain.access.TokenScope;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListSecretKeysTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void list_prodByViewer_showsKeysNotValuesAndIsNoAccess() {
        world.set(acme.owner(), acme, "prod", "APP_KEY", "v1");
        world.set(acme.owner(), acme, "prod", "APP_URL", "v2");
        world.set(acme.owner(), acme, "prod", "OTHER", "v3");
        int events = world.auditActions(acme.org()).size();

        var r = world.listSecretKeys.list(acme.viewer(), "acme", "api", "prod", new SecretQuery(List.of(), Set.of(), "APP_", null));

        assertThat(r.secrets()).extracting(s -> s.key().value()).containsExactly("APP_KEY", "APP_URL");
        assertThat(world.secrets.all()).allSatisfy(s -> assertThat(s.accessCount()).isZero());
        assertThat(world.auditActions(acme.org())).hasSize(events);
    }

    @Test
    void list_withWriteOnlyToken_isForbidden() {
        var writeOnly = World.token(acme.owner().user(), new TokenScope(Optional.empty(), Set.of(), Set.of(), Set.of(Permission.WRITE)));

        rejected("forbidden", () -> world.listSecretKeys.list(writeOnly, "acme", "api", "dev", SecretQuery.ALL));
    }

    @Test
    void list_otherOrganization_isNotFound() {
        var other = world.team("other");

        rejected("organization_not_found", () -> world.listSecretKeys.list(other.owner(), "acme", "api", "dev", SecretQuery.ALL));
    }
}
