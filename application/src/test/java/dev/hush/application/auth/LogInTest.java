package dev.hush.application.auth;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import org.junit.jupiter.api.Test;

class LogInTest {
    private final World world = new World();
    private final Client client = new Client("198.51.100.4", "test");
    private final dev.hush.domain.access.User ada = world.user("ada@example.com");

    @Test
    void logIn_rightPassword_opensSessionAndAudits() {
        var r = world.logIn.logIn("ADA@example.com", World.PASSWORD, client);

        assertThat(r.user().id()).isEqualTo(ada.id());
        assertThat(world.credentials.sessions()).singleElement().satisfies(s -> assertThat(s.userId()).isEqualTo(ada.id()));
        assertThat(world.authenticate.bySession(r.sessionCookie())).isPresent();
        assertThat(world.auditLog.events(dev.hush.domain.audit.AuditEvent.PLATFORM)).singleElement()
                .satisfies(e -> assertThat(e.result()).isEqualTo("success"));
    }

    @Test
    void logIn_wrongPassword_isRefusedCountedAndAuditedAsFailure() {
        rejected("invalid_credentials", () -> world.logIn.logIn("ada@example.com", "wrong password", client));

        assertThat(world.credentials.sessions()).isEmpty();
        assertThat(world.loginFailures.failures("login:pair:ada@example.com|198.51.100.4")).isEqualTo(1);
        assertThat(world.loginFailures.failures("login:address:198.51.100.4")).isEqualTo(1);
        assertThat(world.auditLog.events(dev.hush.domain.audit.AuditEvent.PLATFORM)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("auth.login");
            assertThat(e.result()).isEqualTo("failure");
        });
    }

    @Test
    void logIn_unknownAccount_getsTheSameAnswer() {
        rejected("invalid_credentials", () -> world.logIn.logIn("nobody@example.com", World.PASSWORD, client));
        rejected("invalid_credentials", () -> world.logIn.logIn("not an address", World.PASSWORD, client));
        assertThat(world.credentials.sessions()).isEmpty();
    }

    @Test
    void logIn_afterTenFailures_isThrottledEvenWithTheRightPassword() {
        world.tx.write(() -> {
            for (int i = 0; i < 10; i++) {
                world.loginFailures.recordFailure("login:pair:ada@example.com|198.51.100.4", world.clock.instant(), world.clock.instant().minusSeconds(900));
            }
            return null;
        });

        var r = rejected("rate_limited", () -> world.logIn.logIn("ada@example.com", World.PASSWORD, client));

        assertThat(r.retryAfterSeconds()).isBetween(1L, 901L);
        assertThat(world.credentials.sessions()).isEmpty();
        // From another address the owner still gets in.
        assertThat(world.logIn.logIn("ada@example.com", World.PASSWORD, new Client("192.0.2.1", "t")).user().id()).isEqualTo(ada.id());
    }
}
