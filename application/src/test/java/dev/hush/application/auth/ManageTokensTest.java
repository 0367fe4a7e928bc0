package dev.hush.application.auth;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManageTokensTest {
    private final World world = new World();
    private final dev.hush.domain.access.User ada = world.user("ada@example.com");
    private final Caller session = World.session(ada);

    private CreateToken.Created token(String name) {
        var t = world.createToken.create(session, new CreateToken.Request(name, null, null, null, null, null));
        world.clock.advance(java.time.Duration.ofSeconds(1));
        return t;
    }

    @Test
    void list_givesOwnUnrevokedTokensNewestFirst() {
        token("first");
        token("second");
        var other = world.user("bob@example.com");
        world.createToken.create(World.session(other), new CreateToken.Request("bobs", null, null, null, null, null));

        assertThat(world.manageTokens.list(session)).extracting(t -> t.name()).containsExactly("second", "first");
    }

    @Test
    void revoke_ownToken_stopsItAndAudits() {
        var t = token("ci");

        world.manageTokens.revoke(session, t.id().toString());

        assertThat(world.manageTokens.list(session)).isEmpty();
        assertThat(world.authenticate.byToken(t.token())).isEmpty();
        assertThat(world.platformActions()).endsWith("token.revoked");
    }

    @Test
    void revoke_someoneElsesOrUnknownOrTwice_isNotFound() {
        var t = token("ci");
        var bob = World.session(world.user("bob@example.com"));

        rejected("token_not_found", () -> world.manageTokens.revoke(bob, t.id().toString()));
        rejected("token_not_found", () -> world.manageTokens.revoke(session, "not-a-uuid"));
        assertThat(world.authenticate.byToken(t.token())).isPresent();
        world.manageTokens.revoke(session, t.id().toString());
        rejected("token_not_found", () -> world.manageTokens.revoke(session, t.id().toString()));
    }

    @Test
    void revoke_anotherTokenWithAToken_isForbidden_itselfIsAllowed() {
        var a = token("a");
        var b = token("b");
        var viaA = new Caller(ada, dev.hush.domain.access.TokenScope.unrestricted(), Optional.of(a.id()), Optional.empty());

        rejected("forbidden", () -> world.manageTokens.revoke(viaA, b.id().toString()));
        world.manageTokens.revoke(viaA, a.id().toString());
        assertThat(world.manageTokens.list(session)).extracting(t -> t.name()).containsExactly("b");
    }
}
