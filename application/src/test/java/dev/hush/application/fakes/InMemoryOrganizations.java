package dev.hush.application.fakes;

import dev.hush.application.port.Invites;
import dev.hush.application.port.Members;
import dev.hush.application.port.OrganizationKeys;
import dev.hush.application.port.Organizations;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.Invite;
import dev.hush.domain.access.Role;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Organizations with their wrapped KEKs, memberships and invites, in one class as the port is one
 * interface. {@link #delete} removes what {@code JdbcOrganizations.delete} removes.
 */
public final class InMemoryOrganizations extends InMemoryStore implements Organizations, Members, Invites, OrganizationKeys {
    record MemberRow(UUID orgId, UUID userId, Role role, Instant joinedAt) {}

    private final Map<UUID, Organization> orgs = table();
    private final Map<UUID, WrappedKeyBlob> keks = table();
    private final Map<String, MemberRow> members = table();
    private final Map<UUID, Invite> invites = table();
    private final World world;

    InMemoryOrganizations(FakeTransactions tx, World world) {
        super(tx);
        this.world = world;
    }

    private static String key(UUID orgId, UUID userId) { return orgId + "|" + userId; }

    @Override
    public void insert(Organization org, WrappedKeyBlob kek) {
        writing();
        if (orgs.containsKey(org.id()) || orgs.values().stream().anyMatch(o -> o.slug().equals(org.slug()))) {
            throw Rejection.conflict("conflict", "The resource already exists.");
        }
        orgs.put(org.id(), org);
        keks.put(org.id(), kek);
    }

    @Override
    public boolean slugTaken(Slug slug) {
        reading();
        return orgs.values().stream().anyMatch(o -> o.slug().equals(slug));
    }

    @Override
    public Optional<WrappedKeyBlob> kek(UUID orgId) {
        reading();
        return Optional.ofNullable(keks.get(orgId));
    }

    @Override
    public void addMember(UUID orgId, UUID userId, Role role, Instant now) {
        writing();
        if (!orgs.containsKey(orgId) || members.containsKey(key(orgId, userId))) {
            throw Rejection.conflict("conflict", "The resource already exists.");
        }
        members.put(key(orgId, userId), new MemberRow(orgId, userId, role, now));
    }

    @Override
    public Optional<Role> role(UUID orgId, UUID userId) {
        reading();
        return Optional.ofNullable(members.get(key(orgId, userId))).map(MemberRow::role);
    }

    @Override
    public Optional<Membership> membership(UUID orgId, UUID userId) {
        reading();
        return Optional.ofNullable(members.get(key(orgId, userId))).map(m -> new Membership(orgs.get(orgId), m.role()));
    }

    @Override
    public Optional<Membership> membership(Slug slug, UUID userId) {
        reading();
        return orgs.values().stream().filter(o -> o.slug().equals(slug)).findFirst().flatMap(o -> membership(o.id(), userId));
    }

    @Override
    public List<Membership> membershipsOf(UUID userId) {
        reading();
        return members.values().stream().filter(m -> m.userId().equals(userId)).map(m -> new Membership(orgs.get(m.orgId()), m.role()))
                .sorted(Comparator.comparing(m -> m.org().slug().value())).toList();
    }

    @Override
    public long count() {
        reading();
        return orgs.size();
    }

    @Override
    public List<Member> members(UUID orgId) {
        reading();
        return members.values().stream().filter(m -> m.orgId().equals(orgId)).map(m -> {
            var u = world.users.byId(m.userId()).orElseThrow();
            return new Member(m.userId(), u.email(), u.name(), m.role(), m.joinedAt());
        }).sorted(Comparator.comparing(Member::email)).toList();
    }

    @Override
    public long countOwners(UUID orgId) {
        reading();
        return members.values().stream().filter(m -> m.orgId().equals(orgId) && m.role() == Role.OWNER).count();
    }

    @Override
    public void changeRole(UUID orgId, UUID userId, Role role) {
        writing();
        members.computeIfPresent(key(orgId, userId), (k, m) -> new MemberRow(orgId, userId, role, m.joinedAt()));
    }

    @Override
    public void removeMember(UUID orgId, UUID userId) {
        writing();
        members.remove(key(orgId, userId));
    }

    @Override
    public void insertInvite(Invite invite) {
        writing();
        invites.put(invite.id(), invite);
    }

    @Override
    public List<Invite> invites(UUID orgId) {
        reading();
        return invites.values().stream().filter(i -> i.orgId().equals(orgId)).sorted(Comparator.comparing(Invite::createdAt).reversed()).toList();
    }

    @Override
    public Optional<Invite> inviteByTokenHash(byte[] hash) {
        reading();
        String h = HexFormat.of().formatHex(hash);
        return invites.values().stream().filter(i -> HexFormat.of().formatHex(i.tokenHash()).equals(h)).findFirst();
    }

    @Override
    public boolean deletePendingInvite(UUID orgId, UUID inviteId) {
        writing();
        Invite i = invites.get(inviteId);
        if (i == null || !i.orgId().equals(orgId) || i.acceptedAt().isPresent()) {
            return false;
        }
        invites.remove(inviteId);
        return true;
    }

    @Override
    public int deletePendingInvitesBy(UUID orgId, UUID invitedBy, boolean ownersOnly) {
        writing();
        List<UUID> gone = invites.values().stream().filter(i -> i.orgId().equals(orgId) && invitedBy.equals(i.invitedBy())
                && i.acceptedAt().isEmpty() && (!ownersOnly || i.role() == Role.OWNER)).map(Invite::id).toList();
        gone.forEach(invites::remove);
        return gone.size();
    }

    @Override
    public boolean markInviteAccepted(UUID inviteId, Instant now) {
        writing();
        Invite i = invites.get(inviteId);
        if (i == null || i.acceptedAt().isPresent()) {
            return false;
        }
        invites.put(inviteId, new Invite(i.id(), i.orgId(), i.email(), i.role(), i.tokenHash(), i.invitedBy(), i.createdAt(), i.expiresAt(),
                Optional.of(now)));
        return true;
    }

    @Override
    public void rename(UUID orgId, String name) {
        writing();
        Organization o = orgs.get(orgId);
        orgs.put(orgId, new Organization(o.id(), o.slug(), name, o.createdAt()));
    }

    @Override
    public void delete(UUID orgId) {
        writing();
        for (var p : world.projects.list(orgId)) {
            world.projects.delete(p.id());
        }
        invites.values().removeIf(i -> i.orgId().equals(orgId));
        world.sealingKeys.deleteOf(orgId);
        world.exchangeKeys.deleteOf(orgId);
        world.webhooks.deleteOf(orgId);
        world.credentials.deleteTokensOf(orgId);
        members.values().removeIf(m -> m.orgId().equals(orgId));
        world.auditLog.deleteChain(orgId);
        keks.remove(orgId);
        orgs.remove(orgId);
    }

    @Override
    public List<String> rootKeyIds() {
        reading();
        return keks.values().stream().map(WrappedKeyBlob::keyId).distinct().sorted().toList();
    }

    @Override
    public List<StoredKek> keksAfter(UUID after, int limit) {
        reading();
        return keks.entrySet().stream().filter(e -> after == null || e.getKey().compareTo(after) > 0).sorted(Map.Entry.comparingByKey()).limit(limit)
                .map(e -> new StoredKek(e.getKey(), e.getValue())).toList();
    }

    @Override
    public Map<UUID, WrappedKeyBlob> keksForUpdate(java.util.Collection<UUID> orgIds) {
        writing();
        Map<UUID, WrappedKeyBlob> out = new java.util.LinkedHashMap<>();
        orgIds.stream().sorted().filter(keks::containsKey).forEach(id -> out.put(id, keks.get(id)));
        return out;
    }

    @Override
    public void replaceKeks(Map<UUID, WrappedKeyBlob> replacements) {
        writing();
        replacements.forEach((id, kek) -> {
            if (keks.containsKey(id)) {
                keks.put(id, kek);
            }
        });
    }

    /** Test views. */
    public Optional<Organization> byId(UUID orgId) { return Optional.ofNullable(orgs.get(orgId)); }

    public List<Organization> all() { return List.copyOf(orgs.values()); }

    public List<Invite> allInvites() { return List.copyOf(invites.values()); }

    public Optional<WrappedKeyBlob> storedKek(UUID orgId) { return Optional.ofNullable(keks.get(orgId)); }

    /** Test hook: puts a wrapped KEK in place as the database would hold it (moved, corrupted). */
    public void putKek(UUID orgId, WrappedKeyBlob kek) { keks.put(orgId, kek); }
}
