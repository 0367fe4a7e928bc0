package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Members and invitations in the dashboard over HTTP, as a browser without JavaScript uses them, and the pages the
 * mails link to: the invitee follows the mailed link, creates the account there (or logs in and comes back) and
 * accepts; a password is reset through the mailed link; an address is verified by opening its link.
 */
class MemberPagesTest {
    static Path dir;
    static TestServer server;
    static final AtomicInteger seq = new AtomicInteger();
    static final String PASSWORD = "correct horse battery";

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("hush-member-pages");
        server = TestServer.start(dir.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        TestFiles.deleteTree(dir);
    }

    static String address(String who) { return who + seq.incrementAndGet() + "@example.com"; }

    static FormClient signUp(String who) throws Exception {
        FormClient c = new FormClient(server.base);
        c.email = address(who);
        var r = c.post("/signup", Map.of("name", who, "email", c.email, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        return c;
    }

    static String orgOf(FormClient c) throws Exception {
        return c.get("/").headers().firstValue("Location").orElseThrow().split("/")[2];
    }

    /** The newest mail to {@code to} in the outbox (waiting for mails sent from a queue), as its file holds it. */
    static String mailTo(String to) throws Exception {
        Path outbox = server.dataDir.resolve("outbox");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            if (Files.isDirectory(outbox)) {
                try (Stream<Path> files = Files.list(outbox)) {
                    List<String> mails = files.sorted(Comparator.reverseOrder()).map(MemberPagesTest::read)
                            .filter(m -> m.contains("\r\nTo: " + to + "\r\n")).toList();
                    if (!mails.isEmpty()) {
                        return mails.get(0);
                    }
                }
            }
            assertThat(System.nanoTime()).as("a mail to " + to).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The one link of {@code kind} in a mail, to this server's public URL; its path and query. */
    static String link(String mail, String pattern) {
        Matcher m = Pattern.compile(Pattern.quote(server.base.toString()) + "(" + pattern + ")").matcher(mail);
        assertThat(m.find()).as("a link in\n" + mail).isTrue();
        assertThat(mail).doesNotContain("curl");
        return m.group(1);
    }

    static String inviteLink(String mail) { return link(mail, "/invites/[A-Za-z0-9_-]{43}"); }

    /** Invites {@code email} from the members page and returns the mailed link's path. */
    static String invite(FormClient owner, String org, String email, String role) throws Exception {
        var r = owner.post("/orgs/" + org + "/members/invite", Map.of("email", email, "role", role, "_token", owner.token("/orgs/" + org + "/members")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/orgs/" + org + "/members?done=invited");
        return inviteLink(mailTo(email));
    }

    /** A new account that joined {@code org} as {@code role} from the mailed link (logged in, then accepted). */
    static FormClient join(FormClient owner, String org, String role) throws Exception {
        FormClient member = signUp(role);
        String link = invite(owner, org, member.email, role);
        var accepted = member.post(link, Map.of("_token", member.token(link)));
        assertThat(accepted.statusCode()).isEqualTo(303);
        return member;
    }

    static String memberId(String membersPage, String email) {
        Matcher m = Pattern.compile("action=\"/orgs/[^/]+/members/([0-9a-f-]{36})/remove\" class=\"inline\">\\s*<input[^>]*>\\s*<button[^>]*aria-label=\""
                + Pattern.quote("Remove " + email) + "\"").matcher(membersPage);
        assertThat(m.find()).as("a Remove button for " + email).isTrue();
        return m.group(1);
    }

    @Test
    void aViewer_invitedByMail_signsUpFromTheLink_accepts_andSeesTheMatrixButNotProd() throws Exception {
        FormClient owner = signUp("owner");
        String org = orgOf(owner);
        String token = owner.token("/orgs/" + org + "/projects");
        owner.post("/orgs/" + org + "/projects", Map.of("name", "Web", "_token", token));
        for (String env : List.of("dev", "prod")) {
            owner.post("/orgs/" + org + "/projects/web/secrets", Map.of("key", "K", "value", env + "-value", "env", env, "_token", token));
        }

        var page = owner.get("/orgs/" + org + "/members");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<caption>Members</caption>", "<th scope=\"row\">" + owner.email, "<td>owner</td>",
                "<label for=\"invite-email\">Email</label>", "<label for=\"invite-role\">Role</label>", ">Invite</button>",
                "<a href=\"/orgs/" + org + "/members\">Members</a>", "No pending invitation.")
                .as("the last owner can neither leave nor be demoted").doesNotContain(">Leave</button>").doesNotContain(">Change role</button>");

        String email = address("Viewer");
        String link = invite(owner, org, email.toLowerCase(), "viewer");
        var listed = owner.get("/orgs/" + org + "/members?done=invited").body();
        assertThat(listed).contains("Invitation sent.", "<caption>Pending invitations</caption>", "<th scope=\"row\">" + email.toLowerCase(),
                "aria-label=\"Revoke the invitation of " + email.toLowerCase() + "\"");

        FormClient invitee = new FormClient(server.base);
        var invitation = invitee.get(link);
        assertThat(invitation.statusCode()).isEqualTo(200);
        assertThat(invitation.body()).contains("You are invited to join", "as <strong>viewer</strong>",
                "href=\"/login?next=%2Finvites%2F" + link.substring("/invites/".length()) + "\"", ">Create account</button>",
                "value=\"" + email.toLowerCase() + "\"").doesNotContain(">Accept invite</button>");
        var created = invitee.post(link + "/signup", Map.of("name", "Vera", "email", email, "password", PASSWORD));
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(created.headers().firstValue("Location")).hasValue(link);
        assertThat(invitee.get("/orgs/" + org + "/projects").statusCode()).as("not a member before accepting").isEqualTo(404);

        var again = invitee.get(link);
        assertThat(again.body()).contains(">Accept invite</button>");
        var accepted = invitee.post(link, Map.of("_token", invitee.token(link)));
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.headers().firstValue("Location")).hasValue("/orgs/" + org + "/projects");

        var matrix = invitee.get("/orgs/" + org + "/projects/web");
        assertThat(matrix.statusCode()).isEqualTo(200);
        assertThat(matrix.body()).contains("<caption>Secrets</caption>").doesNotContain("prod-value");
        var prod = invitee.post("/orgs/" + org + "/projects/web/reveal", Map.of("env", "prod", "key", "K"), "X-Requested-With", "hush");
        assertThat(prod.statusCode()).isEqualTo(403);
        assertThat(prod.body()).doesNotContain("prod-value");
        assertThat(invitee.post("/orgs/" + org + "/projects/web/reveal", Map.of("env", "dev", "key", "K"), "X-Requested-With", "hush").body())
                .contains("dev-value");
        assertThat(invitee.get("/orgs/" + org + "/members").statusCode()).as("as the API: members are for owners and admins").isEqualTo(403);

        assertThat(invitee.get(link).statusCode()).as("the link works once").isEqualTo(404);
        assertThat(owner.get("/orgs/" + org + "/members").body()).contains("<td>viewer</td>", "No pending invitation.");
    }

    @Test
    void anExistingAccount_logsInFromTheLink_andComesBackToAccept() throws Exception {
        FormClient owner = signUp("owner");
        String org = orgOf(owner);
        FormClient dev = signUp("dev");
        String link = invite(owner, org, dev.email, "developer");

        FormClient fresh = new FormClient(server.base);
        assertThat(fresh.get(link).body()).contains("/login?next=%2Finvites%2F");
        var login = fresh.post("/login", Map.of("email", dev.email, "password", PASSWORD, "next", link));
        assertThat(login.headers().firstValue("Location")).hasValue(link);
        assertThat(fresh.post(link, Map.of("_token", fresh.token(link))).statusCode()).isEqualTo(303);
        assertThat(fresh.get("/orgs/" + org + "/projects").statusCode()).isEqualTo(200);

        // Someone else's invitation: said so, no button, and the server refuses it too.
        String other = invite(owner, org, address("someone"), "viewer");
        assertThat(fresh.get(other).body()).contains("this invitation is for").doesNotContain(">Accept invite</button>");
        assertThat(fresh.post(other, Map.of("_token", fresh.token(other))).statusCode()).isEqualTo(403);
    }

    @Test
    void rolesAndRemoval_followTheApisRules_andTheLastOwnerStays() throws Exception {
        FormClient owner = signUp("owner");
        String org = orgOf(owner);
        FormClient admin = join(owner, org, "admin");
        FormClient dev = join(owner, org, "developer");
        String members = "/orgs/" + org + "/members";
        String page = owner.get(members).body();
        String devId = memberId(page, dev.email);
        String adminId = memberId(page, admin.email);

        // An admin sees the members, invites (not owners), removes non-owners; no role changes, no owner removal.
        String asAdmin = admin.get(members).body();
        assertThat(asAdmin).contains(">Invite</button>", "aria-label=\"Remove " + dev.email + "\"", "aria-label=\"Leave " + org + "\"")
                .doesNotContain(">Change role</button>").doesNotContain("aria-label=\"Remove " + owner.email + "\"")
                .doesNotContain("<option value=\"owner\"");
        String adminToken = admin.token(members);
        assertThat(admin.post(members + "/" + devId + "/role", Map.of("role", "viewer", "_token", adminToken)).statusCode()).isEqualTo(403);
        assertThat(admin.post(members + "/invite", Map.of("email", address("x"), "role", "owner", "_token", adminToken)).statusCode())
                .isEqualTo(403);

        // The owner changes roles; the last owner can be neither demoted nor removed.
        String token = owner.token(members);
        assertThat(owner.get(members).body()).contains("aria-label=\"Change role of " + dev.email + "\"", "<option value=\"owner\"");
        var changed = owner.post(members + "/" + devId + "/role", Map.of("role", "viewer", "_token", token));
        assertThat(changed.headers().firstValue("Location")).hasValue(members + "?done=role");
        assertThat(owner.get(members + "?done=role").body()).contains("Role changed.")
                .containsPattern("<th scope=\"row\">" + Pattern.quote(dev.email) + "</th>\\s*<td>[^<]*</td>\\s*<td>viewer</td>");
        var me = Api.withCookies(server.base);
        me.post("/v1/auth/login", Map.of("email", owner.email, "password", PASSWORD));
        String ownId = me.get("/v1/auth/me").body().at("/user/id").asText();
        var demote = owner.post(members + "/" + ownId + "/role", Map.of("role", "admin", "_token", token));
        assertThat(demote.statusCode()).isEqualTo(409);
        assertThat(demote.body()).contains("The last owner cannot be demoted");
        assertThat(owner.post(members + "/" + ownId + "/remove", Map.of("_token", token)).statusCode()).isEqualTo(409);
        assertThat(admin.post(members + "/" + ownId + "/remove", Map.of("_token", adminToken)).statusCode()).isEqualTo(403);

        // Revoking an invitation kills its link; removing a member ends their access.
        String link = invite(owner, org, address("late"), "viewer");
        String inviteId = Pattern.compile("/members/invites/([0-9a-f-]{36})/revoke").matcher(owner.get(members).body()).results()
                .map(r -> r.group(1)).findFirst().orElseThrow();
        assertThat(owner.post(members + "/invites/" + inviteId + "/revoke", Map.of("_token", token)).headers().firstValue("Location"))
                .hasValue(members + "?done=revoked");
        assertThat(new FormClient(server.base).get(link).statusCode()).isEqualTo(404);
        var removed = admin.post(members + "/" + devId + "/remove", Map.of("_token", adminToken));
        assertThat(removed.headers().firstValue("Location")).hasValue(members + "?done=removed");
        assertThat(dev.get("/orgs/" + org + "/projects").statusCode()).isEqualTo(404);
        var left = admin.post(members + "/" + adminId + "/remove", Map.of("_token", adminToken));
        assertThat(left.headers().firstValue("Location")).hasValue("/");
        assertThat(owner.get(members).body()).doesNotContain(admin.email).doesNotContain(dev.email);
    }

    @Test
    void changes_withoutTheFormToken_orFromAnotherOrigin_areRefused_andChangeNothing() throws Exception {
        FormClient owner = signUp("csrf");
        String org = orgOf(owner);
        FormClient dev = join(owner, org, "developer");
        String members = "/orgs/" + org + "/members";
        String devId = memberId(owner.get(members).body(), dev.email);
        String token = owner.token(members);

        assertThat(owner.post(members + "/invite", Map.of("email", address("nope"), "role", "admin")).statusCode()).isEqualTo(403);
        assertThat(owner.post(members + "/invite", Map.of("email", address("nope"), "role", "admin", "_token", "x" + token)).statusCode())
                .isEqualTo(403);
        assertThat(owner.post(members + "/" + devId + "/role", Map.of("role", "owner")).statusCode()).isEqualTo(403);
        assertThat(owner.post(members + "/" + devId + "/remove", Map.of()).statusCode()).isEqualTo(403);
        var otherOrigin = owner.post(members + "/" + devId + "/remove", Map.of("_token", token), "Origin", "https://evil.example");
        assertThat(otherOrigin.statusCode()).isEqualTo(403);

        String page = owner.get(members).body();
        assertThat(page).contains("No pending invitation.", "<th scope=\"row\">" + dev.email).doesNotContain("nope");
        assertThat(dev.get("/orgs/" + org + "/projects").statusCode()).isEqualTo(200);
        assertThat(page).containsPattern("<th scope=\"row\">" + Pattern.quote(dev.email) + "</th>\\s*<td>[^<]*</td>\\s*<td>developer</td>");

        // Accepting needs the token too.
        String link = invite(owner, org, address("acc"), "viewer");
        FormClient invitee = new FormClient(server.base);
        invitee.post(link + "/signup", Map.of("name", "A", "email", mailRecipient(link), "password", PASSWORD));
        assertThat(invitee.post(link, Map.of()).statusCode()).isEqualTo(403);
        assertThat(invitee.get("/orgs/" + org + "/projects").statusCode()).isEqualTo(404);
    }

    /** The address the invitation behind {@code link} was mailed to, as its page says. */
    static String mailRecipient(String link) throws Exception {
        Matcher m = Pattern.compile("id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"([^\"]+)\"")
                .matcher(new FormClient(server.base).get(link).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void aPassword_isResetThroughTheMailedLink_withTheSameAnswerForAnyAddress() throws Exception {
        FormClient user = signUp("reset");
        String org = orgOf(user);
        assertThat(new FormClient(server.base).get("/login").body()).contains("<a href=\"/forgot-password\">Forgot your password?</a>");
        var form = new FormClient(server.base).get("/forgot-password");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<label for=\"email\">Email</label>", ">Send reset link</button>");

        var unknown = new FormClient(server.base).post("/forgot-password", Map.of("email", address("nobody")));
        var known = new FormClient(server.base).post("/forgot-password", Map.of("email", user.email.toUpperCase()));
        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
        assertThat(known.body()).isEqualTo(unknown.body()).contains("If an account has this address");

        String link = link(mailTo(user.email), "/reset-password\\?token=[A-Za-z0-9_-]{43}");
        FormClient anon = new FormClient(server.base);
        var page = anon.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<label for=\"password\">New password</label>", ">Set password</button>");
        String token = link.substring(link.indexOf('=') + 1);
        var tooShort = anon.post("/reset-password", Map.of("token", token, "password", "short"));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("The new password must be at least 8 characters.");
        var set = anon.post("/reset-password", Map.of("token", token, "password", "a brand new password"));
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("Your new password is set");
        assertThat(user.get("/orgs/" + org + "/projects").statusCode()).as("every session ended").isEqualTo(303);
        assertThat(anon.post("/reset-password", Map.of("token", token, "password", "yet another password")).statusCode()).isEqualTo(400);
        var login = new FormClient(server.base).post("/login", Map.of("email", user.email, "password", "a brand new password", "next", "/"));
        assertThat(login.statusCode()).isEqualTo(303);
    }

    @Test
    void anAddress_isVerifiedByOpeningTheMailedLink_once() throws Exception {
        FormClient user = signUp("verify");
        Api api = Api.withCookies(server.base).header("X-Requested-With", "hush");
        api.post("/v1/auth/login", Map.of("email", user.email, "password", PASSWORD));
        assertThat(api.post("/v1/auth/send-verification", null).status()).isEqualTo(202);
        String link = link(mailTo(user.email), "/verify-email\\?token=[A-Za-z0-9_-]{43}");

        var verified = new FormClient(server.base).get(link);
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("Your e-mail address is verified.");
        var again = new FormClient(server.base).get(link);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("The token is unknown, used or expired.");
        assertThat(URI.create(server.base + link).getQuery()).startsWith("token=");
    }
}
