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

    @Test
    void byToken_isCached_untilItsRevocationIsHeard_orTheFeedIsDown() {
        var created = world.createToken.create(World.session(ada), new CreateToken.Request("ci", null, null, null, java.util.List.of("read"), 30));
        world.authenticate.byToken(created.token()).orElseThrow();
        int reads = world.tx.reads();

        world.authenticate.byToken(created.token()).orElseThrow();
        assertThat(world.tx.reads()).as("a known token costs no transaction").isEqualTo(reads);

        world.credentials.feedLive(false);
        world.authenticate.byToken(created.token()).orElseThrow();
        assertThat(world.tx.reads()).as("with the change feed down, every request reads").isEqualTo(reads + 1);
        world.credentials.feedLive(true);

        world.authenticate.byToken(created.token()).orElseThrow();
        world.manageTokens.revoke(World.session(ada), created.id().toString());
        assertThat(world.authenticate.byToken(created.token())).as("the revocation was heard").isEmpty();
    }

    @Test
    void cachedToken_revokedUnheard_isRefusedByTheAuditOfAnyChangeOrRead() {
        World.Team acme = world.team("acme");
        var created = world.createToken.create(acme.owner(), new CreateToken.Request("ci", "acme", null, null, java.util.List.of("read", "write"), 30));
        world.set(acme.owner(), acme, "dev", "KEY", "v");
        var caller = world.authenticate.byToken(created.token()).orElseThrow();

        world.credentials.announceChanges(false); // this node has not heard of the revocation yet
        world.manageTokens.revoke(acme.owner(), created.id().toString());
        var stale = world.authenticate.byToken(created.token()).orElseThrow();
        assertThat(stale.tokenId()).isEqualTo(caller.tokenId());
        int events = world.auditActions(acme.org()).size();

        dev.hush.application.fakes.Rejections.rejected("unauthenticated",
                () -> world.pullSecrets.pull(stale, "acme", "api", "dev", dev.hush.application.secret.SecretQuery.ALL, false));
        dev.hush.application.fakes.Rejections.rejected("unauthenticated",
                () -> world.set(stale, acme, "dev", "KEY", "changed"));
        assertThat(world.auditActions(acme.org())).hasSize(events);
        assertThat(world.pullSecrets.pull(acme.owner(), "acme", "api", "dev", dev.hush.application.secret.SecretQuery.ALL, false).secrets())
                .singleElement().satisfies(p -> assertThat(p.value()).isEqualTo("v"));
    }
}
