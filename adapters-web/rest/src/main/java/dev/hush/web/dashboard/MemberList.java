package dev.hush.web.dashboard;

import dev.hush.application.member.Membership;
import dev.hush.domain.access.Role;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The members page of an organization: its members and pending invitations, and what the caller may do to each
 * (a control the caller's role may not use is not shown; the use case checks again on every change).
 */
public record MemberList(String org, List<String> invitableRoles, List<Row> members, List<Pending> invites, String done) {
    /** A member; {@code roles} holds the roles it can be given (empty: the caller may not change its role). */
    public record Row(String id, String email, String name, String role, String joined, boolean self, List<String> roles, boolean removable) {}

    /** A pending invitation. */
    public record Pending(String id, String email, String role, String expires, boolean revocable) {}

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    static MemberList of(String org, Membership.Roster roster, Role callerRole, UUID callerId, String done) {
        boolean owner = callerRole.isOwner();
        List<String> all = Arrays.stream(Role.values()).map(Role::wire).toList();
        List<String> invitable = owner ? all : all.stream().filter(r -> !r.equals(Role.OWNER.wire())).toList();
        long owners = roster.members().stream().filter(m -> m.role() == Role.OWNER).count();
        List<Row> rows = roster.members().stream().map(m -> {
            boolean lastOwner = m.role() == Role.OWNER && owners <= 1;
            boolean self = m.userId().equals(callerId);
            boolean removable = !lastOwner && (self || owner || m.role() != Role.OWNER);
            return new Row(m.userId().toString(), m.email(), m.name(), m.role().wire(), day(m.joinedAt()), self,
                    owner && !lastOwner ? all : List.of(), removable);
        }).toList();
        List<Pending> invites = roster.pendingInvites().stream().map(i -> new Pending(i.id().toString(), i.email(), i.role().wire(),
                day(i.expiresAt()), owner || i.role() != Role.OWNER)).toList();
        return new MemberList(org, invitable, rows, invites, done);
    }

    static String day(Instant instant) { return instant == null ? "" : DAY.format(instant); }
}
