package dev.hush.application.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.access.Role;
import dev.hush.domain.tenant.Slug;
import org.junit.jupiter.api.Test;

class CreateOrganizationTest {
    private final World world = new World();

    @Test
    void create_withoutPreparedPair_storesKekAndOwnerButNoPairYet() {
        var ada = world.user("ada@example.com");

        var org = world.tx.write(() -> world.createOrganization.create(ada.id(), new Slug("ada"), "Ada", false, null));

        assertThat(world.organizations.storedKek(org.id())).hasValueSatisfying(k -> assertThat(k.keyId()).isEqualTo("test-root"));
        assertThat(world.tx.read(() -> world.organizations.role(org.id(), ada.id()))).contains(Role.OWNER);
        assertThat(world.sealingKeys.stored(org.id())).isEmpty();
    }

    @Test
    void create_takenSlugWithUniqueSuffix_getsAnotherSlug() {
        var ada = world.user("ada@example.com");
        world.org(ada, "ada");

        var second = world.tx.write(() -> world.createOrganization.create(ada.id(), new Slug("ada"), "Ada 2", true, null));

        assertThat(second.slug().value()).matches("ada-[0-9a-f]{6}");
    }

    @Test
    void create_takenSlugWithoutSuffix_isConflictAndRollsBack() {
        var ada = world.user("ada@example.com");
        world.org(ada, "ada");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> world.tx.write(() ->
                world.createOrganization.create(ada.id(), new Slug("ada"), "Ada 2", false, null)))
                .isInstanceOf(dev.hush.domain.Rejection.class);
        assertThat(world.organizations.all()).hasSize(1);
    }
}
