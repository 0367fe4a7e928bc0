package dev.hush.application.auth;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CliHandoffTest {
    private final World world = new World();
    private final dev.hush.domain.access.User ada = world.user("ada@example.com");

    @Test
    void startApprovePoll_givesATokenOnce() {
        var started = world.cliHandoff.start();
        assertThat(started.userCode()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        rejected("authorization_pending", () -> world.cliHandoff.poll(started.deviceCode()));

        world.cliHandoff.approve(World.session(ada), started.userCode().toLowerCase(), "laptop");
        var created = world.cliHandoff.poll(started.deviceCode());

        assertThat(created.name()).isEqualTo("laptop");
        assertThat(world.authenticate.byToken(created.token())).hasValueSatisfying(c -> assertThat(c.userId()).isEqualTo(ada.id()));
        assertThat(world.platformActions()).contains("auth.cli_approved", "token.created");
        rejected("expired_token", () -> world.cliHandoff.poll(started.deviceCode()));
        assertThat(world.credentials.allTokens()).hasSize(1);
    }

    @Test
    void approve_wrongCode_isNotFoundAndCounted() {
        world.cliHandoff.start();

        rejected("cli_request_not_found", () -> world.cliHandoff.approve(World.session(ada), "AAAA-AAAA", null));
        assertThat(world.loginFailures.failures("cli-approve:account:ada@example.com")).isEqualTo(1);
    }

    @Test
    void approve_withAToken_isForbidden() {
        var started = world.cliHandoff.start();
        var viaToken = World.token(ada, dev.hush.domain.access.TokenScope.unrestricted());

        rejected("forbidden", () -> world.cliHandoff.approve(viaToken, started.userCode(), null));
    }

    @Test
    void poll_afterExpiry_isExpired() {
        var started = world.cliHandoff.start();
        world.cliHandoff.approve(World.session(ada), started.userCode(), null);
        world.clock.advance(Duration.ofMinutes(11));

        rejected("expired_token", () -> world.cliHandoff.poll(started.deviceCode()));
        rejected("expired_token", () -> world.cliHandoff.poll("short"));
        assertThat(world.credentials.allTokens()).isEmpty();
    }
}
