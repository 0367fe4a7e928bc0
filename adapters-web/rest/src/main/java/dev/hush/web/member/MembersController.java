package dev.hush.web.member;

import dev.hush.application.auth.Caller;
import dev.hush.application.member.Membership;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code /v1/members/...}: members and invitations of an organization. */
@Controller("/v1/members")
@ExecuteOn("blocking")
@Tag(name = "members")
final class MembersController {
    private final Membership membership;

    MembersController(Membership membership) {
        this.membership = membership;
    }

    @Serdeable
    record MemberView(UUID id, String email, String name, String role, Instant joinedAt) {}

    @Serdeable
    record InviteView(UUID id, String email, String role, Instant createdAt, Instant expiresAt) {}

    @Serdeable
    record Roster(List<MemberView> members, List<InviteView> invites) {}

    @Serdeable
    record InviteRequest(String email, String role) {}

    @Serdeable
    record Invited(UUID inviteId, String token, Instant expiresAt) {
        @Override
        public String toString() { return "Invited[" + inviteId + "]"; }
    }

    @Serdeable
    record Joined(UUID orgId, String slug, String name, String role) {}

    @Serdeable
    record RoleRequest(String role) {}

    @Get("/{orgId}")
    @Operation(summary = "Members and pending invitations (owner/admin)")
    Roster list(Caller caller, @PathVariable String orgId) {
        var roster = membership.list(caller, orgId);
        return new Roster(roster.members().stream().map(m -> new MemberView(m.userId(), m.email(), m.name(), m.role().wire(), m.joinedAt())).toList(),
                roster.pendingInvites().stream().map(i -> new InviteView(i.id(), i.email(), i.role().wire(), i.createdAt(), i.expiresAt())).toList());
    }

    @Post("/{orgId}/invite")
    @Operation(summary = "Invite an e-mail address with a role (owner/admin); the token is returned once and mailed")
    MutableHttpResponse<Invited> invite(Caller caller, @PathVariable String orgId, @Body InviteRequest body) {
        var invited = membership.invite(caller, orgId, body.email(), body.role());
        return HttpResponse.status(HttpStatus.CREATED).body(new Invited(invited.inviteId(), invited.token(), invited.expiresAt()));
    }

    @Post("/invite/{token}/accept")
    @Operation(summary = "Accept an invitation, as the invited and logged-in user")
    Joined accept(Caller caller, @PathVariable String token) {
        var m = membership.accept(caller, token);
        return new Joined(m.org().id(), m.org().slug().value(), m.org().name(), m.role().wire());
    }

    @Patch("/{orgId}/{memberId}")
    @Operation(summary = "Change a member's role (owner); the last owner cannot be demoted")
    HttpResponse<?> changeRole(Caller caller, @PathVariable String orgId, @PathVariable String memberId, @Body RoleRequest body) {
        membership.changeRole(caller, orgId, memberId, body.role());
        return HttpResponse.noContent();
    }

    @Delete("/{orgId}/invites/{inviteId}")
    @Operation(summary = "Revoke a pending invitation (owner/admin; an invitation to be an owner: owner)")
    HttpResponse<?> revokeInvite(Caller caller, @PathVariable String orgId, @PathVariable String inviteId) {
        membership.revokeInvite(caller, orgId, inviteId);
        return HttpResponse.noContent();
    }

    @Delete("/{orgId}/{memberId}")
    @Operation(summary = "Remove a member (owner/admin, or yourself; the last owner cannot be removed), or revoke a pending invitation by its id")
    HttpResponse<?> remove(Caller caller, @PathVariable String orgId, @PathVariable String memberId) {
        membership.remove(caller, orgId, memberId);
        return HttpResponse.noContent();
    }
}
