package dev.hush.bootstrap.dashboard;

import static dev.hush.bootstrap.dashboard.WebhookPagesTest.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A project's template page over HTTP, as a browser without JavaScript uses it: required keys added and removed,
 * each environment checked against them (missing and extra keys by name, never a value); changes need the form
 * token; a developer sees the page without its forms and is refused a change.
 */
class TemplatePagesTest {
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("hush-template-pages");
        server = TestServer.start(dir.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        TestFiles.deleteTree(dir);
    }

    /** An owner with project {@code web}: DB_URL in dev, nothing elsewhere. */
    static FormClient ownerWithProject(String who) throws Exception {
        var owner = WebhookPagesTest.signUp(server, who);
        String token = owner.formToken();
        String p = "/orgs/" + owner.org + "/projects";
        assertThat(owner.post(p, form("name", "Web", "slug", "web", "_token", token)).statusCode()).isEqualTo(303);
        assertThat(owner.post(p + "/web/secrets", form("key", "DB_URL", "value", "template-canary", "env", "dev", "_token", token))
                .statusCode()).isEqualTo(303);
        return owner;
    }

    @Test
    void requiredKeys_areAddedAndRemoved_andEachEnvironmentShowsWhatIsMissingAndExtra() throws Exception {
        var owner = ownerWithProject("templates");
        String token = owner.formToken();
        String t = "/orgs/" + owner.org + "/projects/web/templates";
        var empty = owner.get(t);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("No required key yet.", "<label for=\"template-key\">Key</label>",
                "<label for=\"template-description\">Description</label>", ">Add key</button>",
                "<a href=\"/orgs/" + owner.org + "/projects/web\">Back to the matrix</a>", "<th scope=\"row\">dev</th>")
                .doesNotContain("template-canary").doesNotContain(" style=").doesNotContain("<script>");

        var added = owner.post(t, form("key", "API_KEY", "description", "The payment provider's key", "_token", token));
        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue(t + "?done=added");
        assertThat(owner.post(t, form("key", "DB_URL", "_token", token)).statusCode()).isEqualTo(303);
        var page = owner.get(t + "?done=added").body();
        assertThat(page).contains("Required key added.", "<caption>Required keys</caption>", "<code>API_KEY</code>",
                "<td>The payment provider's key</td>", "aria-label=\"Remove API_KEY\"", "<caption>Environments checked against the template</caption>")
                .doesNotContain("template-canary");
        // dev has DB_URL only: API_KEY is missing; prod has neither.
        assertThat(page).containsPattern("<th scope=\"row\">dev</th>\\s*<td>1 missing</td>\\s*<td>API_KEY</td>\\s*<td>none</td>");
        assertThat(page).containsPattern("<th scope=\"row\">prod</th>\\s*<td>2 missing</td>\\s*<td>API_KEY, DB_URL</td>\\s*<td>none</td>");

        var duplicate = owner.post(t, form("key", "API_KEY", "_token", token));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.body()).contains("role=\"alert\"", "already in the template");
        var invalid = owner.post(t, form("key", "not a key!", "_token", token));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("role=\"alert\"", "Key: ");

        var removed = owner.post(t + "/remove", form("key", "API_KEY", "_token", token));
        assertThat(removed.statusCode()).isEqualTo(303);
        page = owner.get(t).body();
        assertThat(page).doesNotContain("<code>API_KEY</code>")
                .containsPattern("<th scope=\"row\">dev</th>\\s*<td>complete</td>\\s*<td>none</td>\\s*<td>none</td>");

        assertThat(owner.post(t, form("key", "EXTRA_ONLY", "_token", token)).statusCode()).isEqualTo(303);
        assertThat(owner.post(t + "/remove", form("key", "DB_URL", "_token", token)).statusCode()).isEqualTo(303);
        assertThat(owner.get(t).body()).containsPattern("<th scope=\"row\">dev</th>\\s*<td>1 missing</td>\\s*<td>EXTRA_ONLY</td>\\s*<td>DB_URL</td>");
    }

    @Test
    void withoutTheFormToken_nothingChanges_andADeveloperMayReadButNotChange() throws Exception {
        var owner = ownerWithProject("csrf");
        String token = owner.formToken();
        String t = "/orgs/" + owner.org + "/projects/web/templates";
        assertThat(owner.post(t, form("key", "FORGED")).statusCode()).isEqualTo(403);
        assertThat(owner.post(t, form("key", "FORGED", "_token", token), "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(owner.post(t, form("key", "KEPT", "_token", token)).statusCode()).isEqualTo(303);
        assertThat(owner.post(t + "/remove", form("key", "KEPT")).statusCode()).isEqualTo(403);
        assertThat(owner.get(t).body()).doesNotContain("FORGED").contains("<code>KEPT</code>");

        var developer = WebhookPagesTest.member(owner, "developer");
        String devToken = developer.formToken();
        var seen = developer.get(t);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).contains("<code>KEPT</code>", "<th scope=\"row\">dev</th>").doesNotContain(">Add key</button>")
                .doesNotContain("aria-label=\"Remove KEPT\"");
        var refused = developer.post(t, form("key", "SNEAKY", "_token", devToken));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("role=\"alert\"");
        assertThat(developer.post(t + "/remove", form("key", "KEPT", "_token", devToken)).statusCode()).isEqualTo(403);
        assertThat(owner.get(t).body()).doesNotContain("SNEAKY").contains("<code>KEPT</code>");

        assertThat(WebhookPagesTest.signUp(server, "outsider").get(t).statusCode()).isEqualTo(404);
        assertThat(new FormClient(server.base).get(t).statusCode()).isEqualTo(303);
    }
}
