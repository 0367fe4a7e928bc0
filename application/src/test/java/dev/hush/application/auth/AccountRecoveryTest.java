package dev.hush.application.auth;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.FakeMailer;
import dev.hush.application.fakes.World;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountRecoveryTest {
    private final World world = new World();
    private final Client client = new Client("198.51.100.9", "t");
    private final dev.hush.domain.access.User ada = world.user("ada@example.com");

    @Test
    void forgotThenReset_setsPasswordEndsSessionsAndTokenWorksOnce() {
        String session = world.logIn.logIn("ada@example.com", World.PASSWORD, client).sessionCookie();

        world.accountRecovery.forgot("ada@example.com", client);
        String token = FakeMailer.tokenIn(world.mailer.sent().get(0));
        assertThat(world.mailer.sent().get(0).body()).contains(World.PUBLIC_URL + "/reset-password?token=" + token).doesNotContain("curl");
        world.accountRecovery.reset(token, "another long password", client);

        assertThat(World.HASHER.verify("another long password".toCharArray(),
                world.tx.read(() -> world.users.byId(ada.id())).orElseThrow().passwordHash())).isTrue();
        assertThat(world.authenticate.bySession(session)).isEmpty();
        assertThat(world.platformActions()).contains("auth.reset_requested", "auth.password_reset");
        rejected("invalid_token", () -> world.accountRecovery.reset(token, "yet another password", client));
    }

    @Test
    void forgot_unknownAddress_sendsNothingButCounts() {
        world.accountRecovery.forgot("nobody@example.com", client);

        assertThat(world.mailer.sent()).isEmpty();
        assertThat(world.loginFailures.failures("forgot:account:nobody@example.com")).isEqualTo(1);
    }

    @Test
    void reset_expiredToken_isInvalid() {
        world.accountRecovery.forgot("ada@example.com", client);
        String token = FakeMailer.tokenIn(world.mailer.sent().get(0));
        world.clock.advance(Duration.ofHours(1).plusSeconds(1));

        rejected("invalid_token", () -> world.accountRecovery.reset(token, "another long password", client));
        rejected("invalid_token", () -> world.accountRecovery.reset("x", "another long password", client));
    }

    @Test
    void sendVerificationThenVerify_marksAddressVerified() {
        world.accountRecovery.sendVerification(World.session(ada));
        String token = FakeMailer.tokenIn(world.mailer.sent().get(0));
        assertThat(world.mailer.sent().get(0).body()).contains(World.PUBLIC_URL + "/verify-email?token=" + token).doesNotContain("curl");
        assertThat(world.tx.read(() -> world.users.emailVerified(ada.id()))).isFalse();

        world.accountRecovery.verify(token, client);

        assertThat(world.tx.read(() -> world.users.emailVerified(ada.id()))).isTrue();
        assertThat(world.platformActions()).endsWith("auth.email_verified");
        // A verification token is no reset token.
        world.accountRecovery.sendVerification(World.session(ada));
        rejected("invalid_token", () -> world.accountRecovery.reset(FakeMailer.tokenIn(world.mailer.sent().get(1)), "another long password", client));
    }
}
