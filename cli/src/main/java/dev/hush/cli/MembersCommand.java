package dev.hush.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hush members list|invite|revoke|remove}: the organization's members and pending invitations (owner or admin). */
@Command(name = "members", aliases = "member", mixinStandardHelpOptions = true, description = "Members and invitations of the organization (owner or admin).",
        subcommands = {MembersCommand.ListMembers.class, MembersCommand.Invite.class, MembersCommand.Revoke.class, MembersCommand.Remove.class})
final class MembersCommand extends HushCli.Group {

    static String base(HushCli root) { return "/v1/members/" + Api.enc(root.org()); }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Members and pending invitations.")
    static final class ListMembers extends HushCli.Sub {
        @Override
        @SuppressWarnings("unchecked")
        public Integer call() {
            HushCli root = root();
            Map<String, Object> roster = root.authenticatedApi().get(base(root));
            if (root.json) {
                root.printJson(roster);
                return 0;
            }
            for (Map<String, Object> m : (List<Map<String, Object>>) roster.getOrDefault("members", List.of())) {
                root.out.printf("%-36s  %-9s  %s%n", m.get("id"), m.get("role"), m.get("email"));
            }
            for (Map<String, Object> i : (List<Map<String, Object>>) roster.getOrDefault("invites", List.of())) {
                root.out.printf("%-36s  %-9s  %s (invited, expires %s)%n", i.get("id"), i.get("role"), i.get("email"), i.get("expiresAt"));
            }
            return 0;
        }
    }

    @Command(name = "invite", mixinStandardHelpOptions = true, description = "Invite an e-mail address; the invitation is mailed to it.")
    static final class Invite extends HushCli.Sub {
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Option(names = "--role", defaultValue = "developer", description = "owner, admin, developer or viewer (default ${DEFAULT-VALUE})")
        String role;

        @Override
        public Integer call() {
            HushCli root = root();
            Map<String, Object> invited = root.authenticatedApi().post(base(root) + "/invite", Map.of("email", email, "role", role));
            if (root.json) {
                root.printJson(Map.of("inviteId", invited.get("inviteId"), "expiresAt", invited.get("expiresAt")));
            } else {
                root.err.println("Invited " + email + " as " + role + " (invitation " + invited.get("inviteId") + ", mailed; expires "
                        + invited.get("expiresAt") + ")");
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a pending invitation (its id from hush members list).")
    static final class Revoke extends HushCli.Sub {
        @Parameters(paramLabel = "INVITE_ID")
        String inviteId;

        @Override
        public Integer call() {
            HushCli root = root();
            root.authenticatedApi().delete(base(root) + "/invites/" + Api.enc(inviteId));
            root.done("Revoked invitation " + inviteId, "invite_revoked", "inviteId", inviteId);
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a member (id or e-mail); the pending invitations they sent are withdrawn.")
    static final class Remove extends HushCli.Sub {
        @Parameters(paramLabel = "MEMBER")
        String member;

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() {
            HushCli root = root();
            Api api = root.authenticatedApi();
            String id = member;
            if (member.contains("@")) {
                id = ((List<Map<String, Object>>) api.get(base(root)).getOrDefault("members", List.of())).stream()
                        .filter(m -> member.equalsIgnoreCase(String.valueOf(m.get("email")))).map(m -> String.valueOf(m.get("id")))
                        .findFirst().orElseThrow(() -> new Failure(Failure.NOT_FOUND, "no member " + member));
            }
            api.delete(base(root) + "/" + Api.enc(id));
            root.done("Removed " + member, "member_removed", "member", member);
            return 0;
        }
    }
}
