package dev.hush.application.auth;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.access.Role;
import org.junit.jupiter.api.Test;

class RegisterUserTest {
    private final World world = new World();
    private final Client client = new Client("203.0.113.7", "test");

    @Test
    void register_firstAccount_isAdminOwnsPersonalOrgAndIsLoggedIn() {
        var r = world.registerUser.register(" Ada@Example.com ", World.PASSWORD, "Ada", client);

        assertThat(r.user().email()).isEqualTo("ada@example.com");
        assertThat(r.user().platformAdmin()).isTrue();
        assertThat(world.users.firstAdmin()).contains(r.user().id());
        assertThat(World.HASHER.verify(World.PASSWORD.toCharArray(), r.user().passwordHash())).isTrue();
        assertThat(r.org().slug().value()).isEqualTo("ada");
        assertThat(world.tx.read(() -> world.organizations.role(r.org().id(), r.user().id()))).contains(Role.OWNER);
        assertThat(world.organizations.storedKek(r.org().id())).isPresent();
        assertThat(world.afterRegistration).containsExactly(r.org().id());
        assertThat(world.authenticate.bySession(r.sessionCookie())).hasValueSatisfying(c -> assertThat(c.userId()).isEqualTo(r.user().id()));
        assertThat(world.auditActions(r.org())).containsExactly("org.created");
        assertThat(world.platformActions()).containsExactly("user.registered");
    }

    @Test
    void register_secondAccountWithSameLocalPart_isNoAdminAndGetsAnotherSlug() {
        var first = world.registerUser.register("ada@example.com", World.PASSWORD, null, client);

        var second = world.registerUser.register("ada@other.example", World.PASSWORD, null, client);

        assertThat(second.user().platformAdmin()).isFalse();
        assertThat(second.user().name()).isEqualTo("ada");
        assertThat(second.org().slug()).isNotEqualTo(first.org().slug());
        assertThat(second.org().slug().value()).startsWith("ada-");
    }

    @Test
    void register_takenEmail_isConflictAndCreatesNothing() {
        world.registerUser.register("ada@example.com", World.PASSWORD, null, client);
        long orgs = world.organizations.all().size();

        rejected("email_taken", () -> world.registerUser.register("ADA@example.com", World.PASSWORD, null, client));
        assertThat(world.organizations.all()).hasSize((int) orgs);
    }

    @Test
    void register_badInput_isInvalid() {
        rejected("validation_failed", () -> world.registerUser.register("not-an-address", World.PASSWORD, null, client));
        rejected("validation_failed", () -> world.registerUser.register("a@example.com", "short", null, client));
        rejected("validation_failed", () -> world.registerUser.register("a@example.com", World.PASSWORD, "x".repeat(201), client));
        assertThat(world.users.all()).isEmpty();
    }

    @Test
    void register_overPerAddressLimit_isRateLimitedBeforeHashing() {
        for (int i = 0; i < 20; i++) {
            world.tx.write(() -> world.rateLimits.tryAcquire("register:address:203.0.113.7", 20, java.time.Duration.ofHours(1), world.clock.instant()));
        }

        var r = rejected("rate_limited", () -> world.registerUser.register("late@example.com", World.PASSWORD, null, client));

        assertThat(r.retryAfterSeconds()).isPositive();
        assertThat(world.users.all()).isEmpty();
    }
}
