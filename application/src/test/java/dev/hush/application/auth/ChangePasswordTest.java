package dev.hush.application.auth;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import org.junit.jupiter.api.Test;

class ChangePasswordTest {
    private final World world = new World();
    private final dev.hush.domain.access.User ada = world.user("ada@example.com");

    @Test
    void change_rightCurrentPassword_replacesHashEndsOtherSessionsAndOpensANewOne() {
        String old = world.logIn.logIn("ada@example.com", World.PASSWORD, Client.UNKNOWN).sessionCookie();

        String fresh = world.changePassword.change(World.session(ada), World.PASSWORD, "a new long password");

        assertThat(world.authenticate.bySession(old)).isEmpty();
        assertThat(world.authenticate.bySession(fresh)).isPresent();
        var stored = world.tx.read(() -> world.users.byId(ada.id())).orElseThrow();
        assertThat(World.HASHER.verify("a new long password".toCharArray(), stored.passwordHash())).isTrue();
        assertThat(world.platformActions()).endsWith("auth.password_changed");
    }

    @Test
    void change_wrongCurrentPassword_isForbiddenAndChangesNothing() {
        rejected("invalid_credentials", () -> world.changePassword.change(World.session(ada), "not my password", "a new long password"));

        assertThat(world.tx.read(() -> world.users.byId(ada.id())).orElseThrow().passwordHash()).isEqualTo(ada.passwordHash());
    }

    @Test
    void change_tooShortNewPassword_isInvalid() {
        rejected("validation_failed", () -> world.changePassword.change(World.session(ada), World.PASSWORD, "short"));
        assertThat(world.tx.read(() -> world.users.byId(ada.id())).orElseThrow().passwordHash()).isEqualTo(ada.passwordHash());
    }
}
