package dev.hush.application.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.access.Session;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthenticateTest {
    private final World world = new World();
    private final dev.hush.domain.access.User ada = world.user("ada@example.com");

    private String session() { return world.tx.write(() -> world.authenticate.startSession(ada.id())); }

    @Test
    void bySession_active_isTheUserWithFullScopeAndTouchesAfterAMinute() {
        String cookie = session();
        world.clock.advance(Duration.ofMinutes(2));

        var caller = world.authenticate.bySession(cookie).orElseThrow();

        assertThat(caller.userId()).isEqualTo(ada.id());
        assertThat(caller.viaToken()).isFalse();
        assertThat(world.credentials.sessions()).singleElement().satisfies(s -> assertThat(s.lastSeenAt()).isEqualTo(world.clock.instant()));
    }

    @Test
    void bySession_idleOrExpiredOrMalformedOrEnded_isNobody() {
        String cookie = session();
        world.clock.advance(Session.IDLE.plusSeconds(1));
        assertThat(world.authenticate.bySession(cookie)).isEmpty();

        String other = session();
        world.authenticate.endSession(other);
        assertThat(world.authenticate.bySession(other)).isEmpty();
        assertThat(world.authenticate.bySession("short")).isEmpty();
        assertThat(world.authenticate.bySession(null)).isEmpty();
    }

    @Test
    void byToken_activeToken_carriesItsScope_revokedOrExpiredDoesNot() {
        var created = world.createToken.create(World.session(ada), new CreateToken.Request("ci", null, null, null, java.util.List.of("read"), 1));

        var caller = world.authenticate.byToken(created.token()).orElseThrow();
        assertThat(caller.tokenId()).contains(created.id());
        assertThat(caller.scope().allows(dev.hush.domain.access.Permission.WRITE)).isFalse();

        world.clock.advance(Duration.ofDays(1));
        assertThat(world.authenticate.byToken(created.token())).isEmpty();
        assertThat(world.authenticate.byToken("hush_tok_nope")).isEmpty();
    }

    @Test
    void bySession_listedAdminAddress_isAdminOnlyOnceVerified() {
        World w = World.withAdminEmails("boss@example.com");
        var boss = w.user("boss@example.com");
        String cookie = w.tx.write(() -> w.authenticate.startSession(boss.id()));
        assertThat(w.authenticate.bySession(cookie).orElseThrow().user().platformAdmin()).isFalse();

        w.tx.write(() -> {
            w.users.markEmailVerified(boss.id(), w.clock.instant());
            return null;
        });

        assertThat(w.authenticate.bySession(cookie).orElseThrow().user().platformAdmin()).isTrue();
    }
}
