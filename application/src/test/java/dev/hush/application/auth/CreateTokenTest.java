package dev.hush.application.auth;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.access.Permission;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.PlanLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateTokenTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void create_scoped_storesOnlyTheHashWithTheScopeAndAudits() {
        var created = world.createToken.create(acme.developer(),
                new CreateToken.Request("deploy", "acme", List.of("api"), List.of("dev"), List.of("read"), 30));

        assertThat(created.token()).startsWith(Secrets256.TOKEN_PREFIX);
        assertThat(created.expiresAt()).contains(world.clock.instant().plus(java.time.Duration.ofDays(30)));
        assertThat(world.credentials.allTokens()).singleElement().satisfies(t -> {
            assertThat(t.hash()).isEqualTo(Secrets256.digest(created.token()));
            assertThat(t.scope().orgId()).contains(acme.org().id());
            assertThat(t.scope().projects()).containsExactly("api");
            assertThat(t.scope().environments()).containsExactly("dev");
            assertThat(t.scope().permissions()).containsExactly(Permission.READ);
        });
        assertThat(world.auditActions(acme.org())).last().isEqualTo("token.created");
    }

    @Test
    void create_withAToken_isForbidden() {
        var viaToken = World.token(acme.owner().user(), dev.hush.domain.access.TokenScope.unrestricted());

        rejected("forbidden", () -> world.createToken.create(viaToken, new CreateToken.Request("x", null, null, null, null, null)));
        assertThat(world.credentials.allTokens()).isEmpty();
    }

    @Test
    void create_badInput_isInvalid() {
        rejected("validation_failed", () -> world.createToken.create(acme.owner(), new CreateToken.Request("x", null, List.of("api"), null, null, null)));
        rejected("validation_failed", () -> world.createToken.create(acme.owner(), new CreateToken.Request("x", null, null, null, List.of(), null)));
        rejected("validation_failed", () -> world.createToken.create(acme.owner(), new CreateToken.Request("x", null, null, null, null, 0)));
        rejected("validation_failed", () -> world.createToken.create(acme.owner(), new CreateToken.Request("x", null, null, null, List.of("admin"), null)));
        assertThat(world.credentials.allTokens()).isEmpty();
    }

    @Test
    void create_forAnotherOrganization_isNotFound() {
        var other = world.team("other");

        rejected("organization_not_found", () -> world.createToken.create(other.owner(), new CreateToken.Request("x", "acme", null, null, null, null)));
    }

    @Test
    void create_pastTokenLimit_isPaymentRequired() {
        world.tx.write(() -> {
            world.plans.setOverrides(acme.org().id(), new PlanLimits(Map.of(Limit.TOKENS, 1L)));
            return null;
        });
        world.createToken.create(acme.owner(), new CreateToken.Request("one", "acme", null, null, null, null));

        rejected("plan_limit_reached", () -> world.createToken.create(acme.owner(), new CreateToken.Request("two", "acme", null, null, null, null)));
        assertThat(world.credentials.allTokens()).hasSize(1);
        // A token for no organization is not counted against one.
        world.createToken.create(acme.owner(), new CreateToken.Request("personal", null, null, null, null, null));
        assertThat(world.credentials.allTokens()).hasSize(2);
    }
}
