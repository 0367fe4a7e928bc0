package dev.hush.application.member;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.auth.Secrets256;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Mailer;
import dev.hush.application.port.Invites;
import dev.hush.application.port.Members;
import dev.hush.application.port.Organizations;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.Invite;
import dev.hush.domain.access.Role;
import dev.hush.domain.access.User;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Members of an organization: list (with pending invites), invite by e-mail with a role, accept an
 * invite, change a role (owner only), remove (owner/admin, or oneself). An organization never loses its
 * last owner. Only an owner grants or touches the owner role.
 */
public final class Membership {
    private final Audit audit;
    private final PlanPolicy limits;
    private final Tenancy tenancy;
    private final Organizations organizations;
    private final Members members;
    private final Invites invites;
    private final Users users;
    private final Mailer mailer;
    private final Transactions tx;
    private final Clock clock;
    private final java.util.function.Supplier<String> publicUrl;

    public Membership(Tenancy tenancy, Organizations organizations, Members members, Invites invites, Users users, Mailer mailer, Transactions tx, Clock clock,
                      java.util.function.Supplier<String> publicUrl, PlanPolicy limits, Audit audit) {
        this.limits = limits;
        this.audit = audit;
        this.tenancy = tenancy;
        this.organizations = organizations;
        this.members = members;
        this.invites = invites;
        this.users = users;
        this.mailer = mailer;
        this.tx = tx;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    public record Roster(List<Members.Member> members, List<Invite> pendingInvites) {}

    public record Invited(UUID inviteId, String token, Instant expiresAt) {
        @Override
        public String toString() { return "Invited[" + inviteId + "]"; }
    }

    public Roster list(Caller caller, String orgRef) {
        return tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireAdmin("see members and invites");
            Instant now = clock.instant();
            return new Roster(members.members(in.org().id()),
                    invites.invites(in.org().id()).stream().filter(i -> i.pendingAt(now)).toList());
        });
    }

    public Invited invite(Caller caller, String orgRef, String rawEmail, String rawRole) {
        String email = User.normalizeEmail(rawEmail);
        Role role = Role.parse("role", rawRole);
        String token = Secrets256.random();
        Invited invited = tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireOrgWideAdmin("invite members");
            if (role == Role.OWNER) {
                in.access().requireOwner("invite owners");
            }
            Optional<User> existing = users.byEmail(email);
            if (existing.isPresent() && members.role(in.org().id(), existing.get().id()).isPresent()) {
                throw Rejection.conflict("already_member", "This address is already a member of the organization.");
            }
            Instant now = clock.instant();
            limits.requireRoomForMember(in.org().id(), now);
            Invite invite = new Invite(UUID.randomUUID(), in.org().id(), email, role, Secrets256.digest(token), caller.userId(), now,
                    now.plus(Invite.LIFETIME), Optional.empty());
            invites.insertInvite(invite);
            audit.record(in.org().id(), caller, "member.invited", "org/" + in.org().slug() + "/invite/" + invite.id(), email + " as " + role.wire());
            mailer.send(new Mailer.Mail(email, "You are invited to " + in.org().name() + " on Hush",
                    "You have been invited to join the organization " + in.org().name() + " as " + role.wire() + ".\n\n"
                            + "Open this link, log in (or create an account with this address) and accept the invitation:\n\n"
                            + "  " + publicUrl.get() + "/invites/" + token + "\n\n"
                            + "The invitation expires at " + invite.expiresAt() + " and works once.\n"));
            return new Invited(invite.id(), token, invite.expiresAt());
        });
        return invited;
    }

    /** What the holder of an invitation's token is invited to (the page the mailed link opens shows it). */
    public record PendingInvite(String orgName, String orgSlug, String email, Role role, Instant expiresAt) {}

    /**
     * The pending invitation this token stands for, to the holder of the token (the mailed link): the same
     * checks as {@link #accept}, so unknown, used, expired and withdrawn invitations look alike.
     */
    public PendingInvite pending(String token) {
        if (token == null || token.length() != 43) {
            throw Rejection.notFound("invite");
        }
        byte[] hash = Secrets256.digest(token);
        return tx.read(() -> {
            Invite invite = pendingInvite(hash, clock.instant());
            Organizations.Membership via = organizations.membership(invite.orgId(), invite.invitedBy())
                    .orElseThrow(() -> Rejection.notFound("invite"));
            return new PendingInvite(via.org().name(), via.org().slug().value(), invite.email(), invite.role(), invite.expiresAt());
        });
    }

    /** A pending invitation whose inviter may still give its role; otherwise not found. */
    private Invite pendingInvite(byte[] hash, Instant now) {
        Invite invite = invites.inviteByTokenHash(hash)
                .filter(i -> MessageDigest.isEqual(i.tokenHash(), hash))
                .filter(i -> i.pendingAt(now))
                .orElseThrow(() -> Rejection.notFound("invite"));
        // The inviter must still be allowed to give this role: an invite of a member since removed or
        // demoted (sent before revocation on removal existed, or racing it) does not let anyone in.
        Optional<Role> inviter = members.role(invite.orgId(), invite.invitedBy());
        if (inviter.isEmpty() || !inviter.get().canAdminister() || (invite.role() == Role.OWNER && !inviter.get().isOwner())) {
            throw Rejection.notFound("invite");
        }
        return invite;
    }

    /** The invited user, logged in with the invited address, joins. Unknown, used and expired tokens look alike. */
    public Organizations.Membership accept(Caller caller, String token) {
        if (token == null || token.length() != 43) {
            throw Rejection.notFound("invite");
        }
        byte[] hash = Secrets256.digest(token);
        return tx.write(() -> {
            Instant now = clock.instant();
            Invite invite = pendingInvite(hash, now);
            if (!invite.email().equals(caller.user().email())) {
                throw Rejection.forbidden("This invitation is for another e-mail address.");
            }
            if (caller.viaToken()) {
                throw Rejection.forbidden("Accept invitations from a logged-in session.");
            }
            if (!invites.markInviteAccepted(invite.id(), now)) {
                throw Rejection.notFound("invite");
            }
            if (members.role(invite.orgId(), caller.userId()).isEmpty()) {
                members.addMember(invite.orgId(), caller.userId(), invite.role(), now);
                audit.record(invite.orgId(), caller, "member.joined", "member/" + caller.userId(), "as " + invite.role().wire());
            }
            return organizations.membership(invite.orgId(), caller.userId()).orElseThrow();
        });
    }

    public void changeRole(Caller caller, String orgRef, String rawMemberId, String rawRole) {
        Role role = Role.parse("role", rawRole);
        tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireOwner("change roles");
            UUID member = memberId(rawMemberId);
            Role current = members.role(in.org().id(), member).orElseThrow(() -> Rejection.notFound("member"));
            if (current == Role.OWNER && role != Role.OWNER && members.countOwners(in.org().id()) <= 1) {
                throw Rejection.conflict("last_owner", "The last owner cannot be demoted; make another member owner first.");
            }
            members.changeRole(in.org().id(), member, role);
            audit.record(in.org().id(), caller, "member.role_changed", "member/" + member, current.wire() + " -> " + role.wire());
            // Invitations the member sent that the new role could not send are withdrawn.
            if (role != Role.OWNER) {
                // An admin keeps the invitations it could send itself (not owners'); a developer or viewer none.
                int withdrawn = invites.deletePendingInvitesBy(in.org().id(), member, role.canAdminister());
                if (withdrawn > 0) {
                    audit.record(in.org().id(), caller, "member.invites_withdrawn", "member/" + member, withdrawn + " pending after the role change");
                }
            }
            return null;
        });
    }

    public void remove(Caller caller, String orgRef, String rawMemberId) {
        tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            UUID member = memberId(rawMemberId);
            boolean self = member.equals(caller.userId());
            if (!self) {
                in.access().requireOrgWideAdmin("remove members");
            }
            Optional<Role> role = members.role(in.org().id(), member);
            if (role.isEmpty()) {
                // Not a member: the id of a pending invitation is revoked the same way.
                revokeInvite(caller, in, member);
                return null;
            }
            Role current = role.get();
            if (current == Role.OWNER && !self) {
                in.access().requireOwner("remove an owner");
            }
            if (current == Role.OWNER && members.countOwners(in.org().id()) <= 1) {
                throw Rejection.conflict("last_owner", "The last owner cannot be removed; make another member owner first.");
            }
            members.removeMember(in.org().id(), member);
            audit.record(in.org().id(), caller, "member.removed", "member/" + member, "was " + current.wire());
            int withdrawn = invites.deletePendingInvitesBy(in.org().id(), member, false);
            if (withdrawn > 0) {
                audit.record(in.org().id(), caller, "member.invites_withdrawn", "member/" + member, withdrawn + " pending after the removal");
            }
            return null;
        });
    }

    /** Revokes a pending invitation (owner or admin; an invitation to be an owner, an owner only). */
    public void revokeInvite(Caller caller, String orgRef, String rawInviteId) {
        tx.write(() -> {
            revokeInvite(caller, tenancy.org(caller, orgRef), inviteId(rawInviteId));
            return null;
        });
    }

    private void revokeInvite(Caller caller, Tenancy.InOrg in, UUID inviteId) {
        in.access().requireOrgWideAdmin("revoke invitations");
        Invite invite = invites.invites(in.org().id()).stream().filter(i -> i.id().equals(inviteId) && i.acceptedAt().isEmpty())
                .findFirst().orElseThrow(() -> Rejection.notFound("invite"));
        if (invite.role() == Role.OWNER) {
            in.access().requireOwner("revoke an invitation to be an owner");
        }
        if (!invites.deletePendingInvite(in.org().id(), inviteId)) {
            throw Rejection.notFound("invite");
        }
        audit.record(in.org().id(), caller, "member.invite_revoked", "org/" + in.org().slug() + "/invite/" + inviteId, invite.email());
    }

    private static UUID inviteId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Rejection.notFound("invite");
        }
    }

    private static UUID memberId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Rejection.notFound("member");
        }
    }
}
