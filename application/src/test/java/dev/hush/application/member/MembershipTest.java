package dev.hush.application.member;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.FakeMailer;
import dev.hush.application.fakes.World;
import dev.hush.domain.access.Role;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.PlanLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembershipTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void inviteThenAccept_joinsWithTheRoleAndMailsTheToken() {
        var invited = world.membership.invite(acme.admin(), "acme", "New@Example.com", "developer");
        assertThat(world.mailer.sent()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("new@example.com");
            assertThat(FakeMailer.tokenIn(m)).isEqualTo(invited.token());
            assertThat(m.body()).contains(World.PUBLIC_URL + "/invites/" + invited.token()).doesNotContain("curl");
        });
        var pending = world.membership.pending(invited.token());
        assertThat(pending.orgSlug()).isEqualTo("acme");
        assertThat(pending.email()).isEqualTo("new@example.com");
        assertThat(pending.role()).isEqualTo(Role.DEVELOPER);
        assertThat(world.membership.list(acme.owner(), "acme").pendingInvites()).hasSize(1);
        var newcomer = World.session(world.user("new@example.com"));

        var joined = world.membership.accept(newcomer, invited.token());

        assertThat(joined.org().id()).isEqualTo(acme.org().id());
        assertThat(joined.role()).isEqualTo(Role.DEVELOPER);
        assertThat(world.membership.list(acme.owner(), "acme").pendingInvites()).isEmpty();
        assertThat(world.auditActions(acme.org())).contains("member.invited", "member.joined");
        rejected("invite_not_found", () -> world.membership.accept(newcomer, invited.token()));
        rejected("invite_not_found", () -> world.membership.pending(invited.token()));
        rejected("invite_not_found", () -> world.membership.pending("x"));
    }

    @Test
    void accept_byAnotherAddressOrExpired_isRefused() {
        var invited = world.membership.invite(acme.owner(), "acme", "new@example.com", "viewer");
        var wrongPerson = World.session(world.user("other@example.com"));

        rejected("forbidden", () -> world.membership.accept(wrongPerson, invited.token()));
        world.clock.advance(Duration.ofDays(8));
        rejected("invite_not_found", () -> world.membership.accept(World.session(world.user("new@example.com")), invited.token()));
    }

    @Test
    void accept_inviterSinceDemoted_isNotFound() {
        var invited = world.membership.invite(acme.admin(), "acme", "new@example.com", "viewer");
        world.tx.write(() -> {
            world.organizations.changeRole(acme.org().id(), acme.admin().userId(), Role.VIEWER);
            return null;
        });

        rejected("invite_not_found", () -> world.membership.accept(World.session(world.user("new@example.com")), invited.token()));
        rejected("invite_not_found", () -> world.membership.pending(invited.token()));
    }

    @Test
    void invite_byDeveloperOrOwnerRoleByAdmin_isForbidden() {
        rejected("forbidden", () -> world.membership.invite(acme.developer(), "acme", "x@example.com", "viewer"));
        rejected("forbidden", () -> world.membership.invite(acme.admin(), "acme", "x@example.com", "owner"));
        rejected("already_member", () -> world.membership.invite(acme.owner(), "acme", "dev@acme.test", "viewer"));
        assertThat(world.organizations.allInvites()).isEmpty();
        assertThat(world.mailer.sent()).isEmpty();
    }

    @Test
    void invite_pastMemberLimit_countsPendingInvites() {
        world.tx.write(() -> {
            world.plans.setOverrides(acme.org().id(), new PlanLimits(Map.of(Limit.MEMBERS, 5L)));
            return null;
        });
        world.membership.invite(acme.owner(), "acme", "five@example.com", "viewer");

        rejected("plan_limit_reached", () -> world.membership.invite(acme.owner(), "acme", "six@example.com", "viewer"));
        assertThat(world.organizations.allInvites()).hasSize(1);
    }

    @Test
    void changeRole_byOwner_changesAndWithdrawsInvitesTheNewRoleCannotSend() {
        world.membership.invite(acme.admin(), "acme", "pending@example.com", "viewer");

        world.membership.changeRole(acme.owner(), "acme", acme.admin().userId().toString(), "developer");

        assertThat(world.tx.read(() -> world.organizations.role(acme.org().id(), acme.admin().userId()))).contains(Role.DEVELOPER);
        assertThat(world.organizations.allInvites()).isEmpty();
        assertThat(world.auditActions(acme.org())).endsWith("member.role_changed", "member.invites_withdrawn");
    }

    @Test
    void changeRole_lastOwner_isConflict_byAdmin_isForbidden() {
        rejected("last_owner", () -> world.membership.changeRole(acme.owner(), "acme", acme.owner().userId().toString(), "admin"));
        rejected("forbidden", () -> world.membership.changeRole(acme.admin(), "acme", acme.developer().userId().toString(), "admin"));
        rejected("member_not_found", () -> world.membership.changeRole(acme.owner(), "acme", "nope", "admin"));
        assertThat(world.tx.read(() -> world.organizations.role(acme.org().id(), acme.owner().userId()))).contains(Role.OWNER);
    }

    @Test
    void remove_byAdminOrSelf_removes_ownerByAdmin_isForbidden() {
        world.membership.remove(acme.admin(), "acme", acme.developer().userId().toString());
        world.membership.remove(acme.viewer(), "acme", acme.viewer().userId().toString());

        assertThat(world.membership.list(acme.owner(), "acme").members()).extracting(m -> m.email())
                .containsExactly("admin@acme.test", "owner@acme.test");
        rejected("forbidden", () -> world.membership.remove(acme.admin(), "acme", acme.owner().userId().toString()));
        rejected("last_owner", () -> world.membership.remove(acme.owner(), "acme", acme.owner().userId().toString()));
    }

    @Test
    void revokeInvite_pending_deletesIt_unknown_isNotFound() {
        var invited = world.membership.invite(acme.owner(), "acme", "new@example.com", "viewer");

        world.membership.revokeInvite(acme.admin(), "acme", invited.inviteId().toString());

        assertThat(world.organizations.allInvites()).isEmpty();
        assertThat(world.auditActions(acme.org())).last().isEqualTo("member.invite_revoked");
        rejected("invite_not_found", () -> world.membership.revokeInvite(acme.admin(), "acme", invited.inviteId().toString()));
    }

    @Test
    void list_byDeveloperOrOutsider_isRefused() {
        rejected("forbidden", () -> world.membership.list(acme.developer(), "acme"));
        rejected("organization_not_found", () -> world.membership.list(World.session(world.user("out@example.com")), "acme"));
    }
}
