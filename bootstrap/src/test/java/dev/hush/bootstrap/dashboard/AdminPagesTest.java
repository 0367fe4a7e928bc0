package dev.hush.bootstrap.dashboard;

import static dev.hush.bootstrap.dashboard.FormClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform admin's pages over HTTP, as a browser without JavaScript uses them: the first account of the
 * instance sees the statistics, organizations, plans, request metrics and the root key; changes a plan's limit and
 * an organization's plan and overrides (which its billing page then shows); rotates the root key after typing the
 * confirmation. Everyone else gets 403, and a change without the form token changes nothing.
 */
class AdminPagesTest {
    static Path dir;
    static TestServer server;
    static FormClient admin;
    static FormClient user;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("hush-admin-pages");
        server = TestServer.start(dir.resolve("data"));
        admin = FormClient.signUp(server.base, "root@example.com"); // the first account: the platform admin
        user = FormClient.signUp(server.base, "user@example.com");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        TestFiles.deleteTree(dir);
    }

    static String orgId(String adminPage, String slug) {
        Matcher m = Pattern.compile("href=\"/admin/orgs/([0-9a-f-]{36})\" aria-label=\"Edit " + Pattern.quote(slug) + "\"").matcher(adminPage);
        assertThat(m.find()).as("a link to " + slug + " in the organizations").isTrue();
        return m.group(1);
    }

    static String planRow(String adminPage, String plan) {
        Matcher m = Pattern.compile("<th scope=\"row\">" + plan + "</th>\\s*<td>([^<]*)</td>\\s*<td>([^<]*)</td>").matcher(adminPage);
        assertThat(m.find()).as("the row of plan " + plan).isTrue();
        return m.group(1) + " | " + m.group(2);
    }

    @Test
    void thePlatformAdmin_seesStatsOrganizationsPlansMetricsAndTheRootKey() throws Exception {
        var page = admin.get("/admin");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Admin</h1>", "<caption>This instance</caption>", "<caption>Organizations, their plan and usage</caption>",
                "<caption>Plans and their limits</caption>", "<caption>Requests of the last 24 hours, all nodes</caption>",
                "<th scope=\"row\">all</th>", "Provider <strong>local</strong>", "the KMS answers.", ">Rotate root key</button>",
                "<label for=\"rotate-confirm\">Type rotate to confirm</label>", "<label for=\"metrics-hours\">Hours</label>",
                "aria-label=\"Edit " + user.org + "\"", "aria-label=\"Edit " + admin.org + "\"", "<a href=\"/admin/plans/pro\">Edit pro</a>")
                .doesNotContain(" style=").doesNotContain("<script>");
        assertThat(admin.get("/admin?hours=2").body()).contains("Requests of the last 2 hours");
        assertThat(admin.get("/admin?hours=500").statusCode()).isEqualTo(400);
    }

    @Test
    void thePlatformAdmin_changesAPlansLimit_andAnOrganizationsPlanAndOverrides() throws Exception {
        String token = admin.formToken();
        var edit = admin.get("/admin/plans/pro");
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains("<label for=\"plan-projects\">Projects</label>", "<label for=\"plan-apiRequestsPerMonth\">API requests a month</label>",
                ">Save plan pro</button>");
        var saved = admin.post("/admin/plans/pro", form("projects", "7", "members", "-1", "webhooks", "", "_token", token));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue("/admin#plans");
        assertThat(planRow(admin.get("/admin").body(), "pro")).contains("Projects 7,").contains("Members unlimited").contains("Webhooks 10")
                .endsWith("| plan table");
        assertThat(admin.get("/admin/plans/pro").body()).contains("id=\"plan-projects\" name=\"projects\" type=\"number\" min=\"-1\" step=\"1\" inputmode=\"numeric\" value=\"7\"");
        var invalid = admin.post("/admin/plans/pro", form("projects", "-5", "_token", token));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("role=\"alert\"").contains("Projects: must be -1 (unlimited) or a count of 0 or more");
        assertThat(admin.post("/admin/plans/gold", form("projects", "1", "_token", token)).statusCode()).isEqualTo(400);

        String id = orgId(admin.get("/admin").body(), user.org);
        var org = admin.get("/admin/orgs/" + id);
        assertThat(org.statusCode()).isEqualTo(200);
        assertThat(org.body()).contains("<h1>Organization " + user.org + "</h1>", "<label for=\"org-plan\">Plan</label>",
                "<label for=\"override-members\">Members</label>", "<caption>Usage and effective limits</caption>");
        var updated = admin.post("/admin/orgs/" + id, form("plan", "team", "members", "2", "_token", token));
        assertThat(updated.statusCode()).isEqualTo(303);
        assertThat(updated.headers().firstValue("Location")).hasValue("/admin/orgs/" + id);
        assertThat(admin.get("/admin/orgs/" + id).body()).contains("<option value=\"team\" selected>team</option>")
                .contains("id=\"override-members\" name=\"members\" type=\"number\" min=\"-1\" step=\"1\" inputmode=\"numeric\" value=\"2\"");
        // The organization's own billing page shows the limit at once (self-hosted: nothing else is limited).
        var billing = user.get("/orgs/" + user.org + "/billing").body();
        assertThat(billing).contains("a platform admin set the limits below")
                .containsPattern("<th scope=\"row\">Members \\(with pending invites\\)</th>\\s*<td>1</td>\\s*<td>2</td>");
        // Emptied fields clear the overrides.
        assertThat(admin.post("/admin/orgs/" + id, form("plan", "team", "_token", token)).statusCode()).isEqualTo(303);
        assertThat(user.get("/orgs/" + user.org + "/billing").body()).contains("Self-hosted: no limits.").doesNotContain("a platform admin set");
        assertThat(admin.get("/admin/orgs/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
    }

    @Test
    void everyoneElse_gets403_andNothingChanges() throws Exception {
        String id = orgId(admin.get("/admin").body(), user.org);
        String token = user.formToken();
        for (String path : new String[] {"/admin", "/admin/plans/free", "/admin/orgs/" + id}) {
            var refused = user.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).as(path).contains("role=\"alert\"").doesNotContain("<caption>");
        }
        assertThat(user.post("/admin/plans/free", form("projects", "1", "_token", token)).statusCode()).isEqualTo(403);
        assertThat(user.post("/admin/orgs/" + id, form("plan", "enterprise", "_token", token)).statusCode()).isEqualTo(403);
        assertThat(user.post("/admin/rotate-root-key", form("confirm", "rotate", "_token", token)).statusCode()).isEqualTo(403);
        assertThat(planRow(admin.get("/admin").body(), "free")).endsWith("| built in");
        assertThat(admin.get("/admin/orgs/" + id).body()).doesNotContain("<option value=\"enterprise\" selected>");
        assertThat(new FormClient(server.base).get("/admin").headers().firstValue("Location")).hasValue("/login?next=%2Fadmin");
    }

    @Test
    void withoutTheFormToken_theAdminChangesNothing() throws Exception {
        String id = orgId(admin.get("/admin").body(), admin.org);
        assertThat(admin.post("/admin/plans/team", form("projects", "1")).statusCode()).isEqualTo(403);
        assertThat(admin.post("/admin/plans/team", form("projects", "1", "_token", "forged")).statusCode()).isEqualTo(403);
        assertThat(admin.post("/admin/orgs/" + id, form("plan", "enterprise", "members", "1")).statusCode()).isEqualTo(403);
        assertThat(admin.post("/admin/rotate-root-key", form("confirm", "rotate")).statusCode()).isEqualTo(403);
        assertThat(planRow(admin.get("/admin").body(), "team")).endsWith("| built in");
        var org = admin.get("/admin/orgs/" + id).body();
        assertThat(org).doesNotContain("<option value=\"enterprise\" selected>").contains("name=\"members\" type=\"number\" min=\"-1\" step=\"1\" inputmode=\"numeric\" value=\"\"");
    }

    @Test
    void rotatingTheRootKey_needsTheTypedConfirmation_andRewrapsEveryOrganizationKey() throws Exception {
        String token = admin.formToken();
        var unconfirmed = admin.post("/admin/rotate-root-key", form("confirm", "yes", "_token", token));
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("Type rotate to confirm the rotation of the root key.").doesNotContain("Root key rotated");
        var rotated = admin.post("/admin/rotate-root-key", form("confirm", "rotate", "_token", token));
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.body()).contains("<h1>Root key rotated</h1>").containsPattern("\\d+ of \\d+ organization keys rewrapped to <code>local:");
        // The secrets still open: the user's organization can still be used.
        assertThat(user.post("/orgs/" + user.org + "/projects", form("name", "After rotation", "_token", user.formToken())).statusCode()).isEqualTo(303);
    }
}
