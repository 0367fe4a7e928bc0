package dev.hush.application.member;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.access.Permission;
import dev.hush.domain.access.Role;
import dev.hush.domain.access.TokenScope;
import dev.hush.domain.audit.AuditEvent;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManageOrganizationsTest {
    private final World world = new World();

    @Test
    void create_makesOrgWithKeysAndOwner() {
        var ada = world.user("ada@example.com");

        var org = world.manageOrganizations.create(World.session(ada), "Ada Labs", null);

        assertThat(org.slug().value()).isEqualTo("ada-labs");
        assertThat(world.tx.read(() -> world.organizations.role(org.id(), ada.id()))).contains(Role.OWNER);
        assertThat(world.organizations.storedKek(org.id())).isPresent();
        assertThat(world.sealingKeys.stored(org.id())).singleElement().satisfies(k -> assertThat(k.version()).isEqualTo(1));
        assertThat(world.auditActions(org)).containsExactly("org.created");
        rejected("organization_exists", () -> world.manageOrganizations.create(World.session(ada), "Other", "ada-labs"));
        assertThat(world.organizations.all()).hasSize(1);
    }

    @Test
    void create_withOrgScopedToken_isForbidden() {
        var ada = world.user("ada@example.com");
        var org = world.org(ada, "first");
        var scoped = World.token(ada, new TokenScope(Optional.of(org.id()), Set.of(), Set.of(), Set.of(Permission.READ, Permission.WRITE)));

        rejected("forbidden", () -> world.manageOrganizations.create(scoped, "Second", null));
        assertThat(world.organizations.all()).hasSize(1);
    }

    @Test
    void delete_byOwner_removesEverythingItOwns() {
        var acme = world.team("acme");
        world.set(acme.owner(), acme, "dev", "K", "v");
        world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/x", null, null);

        world.manageOrganizations.delete(acme.owner(), "acme");

        assertThat(world.organizations.all()).isEmpty();
        assertThat(world.organizations.storedKek(acme.org().id())).isEmpty();
        assertThat(world.projects.all()).isEmpty();
        assertThat(world.secrets.all()).isEmpty();
        assertThat(world.webhooks.all()).isEmpty();
        assertThat(world.auditActions(acme.org())).isEmpty();
        assertThat(world.platformActions()).last().isEqualTo("org.deleted");
    }

    @Test
    void delete_byAdmin_isForbidden_byOutsider_isNotFound() {
        var acme = world.team("acme");

        rejected("forbidden", () -> world.manageOrganizations.delete(acme.admin(), "acme"));
        rejected("organization_not_found", () -> world.manageOrganizations.delete(World.session(world.user("x@example.com")), "acme"));
        assertThat(world.organizations.all()).hasSize(1);
        assertThat(world.auditLog.events(AuditEvent.PLATFORM)).isEmpty();
    }

    @Test
    void rename_byAdmin_keepsTheSlug_byDeveloper_isRefused() {
        var acme = world.team("acme");
        var renamed = world.manageOrganizations.rename(acme.admin(), "acme", "Acme Corp");
        assertThat(renamed.name()).isEqualTo("Acme Corp");
        assertThat(renamed.slug().value()).isEqualTo("acme");
        assertThat(world.auditActions(acme.org())).endsWith("org.renamed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> world.manageOrganizations.rename(acme.developer(), "acme", "Mine"))
                .isInstanceOf(dev.hush.domain.Rejection.class);
    }
}
