package dev.hush.application.secret;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PullSecretsTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void pull_full_returnsValuesCountsAccessAndAudits() {
        world.set(acme.owner(), acme, "staging", "B_KEY", "bee");
        world.set(acme.owner(), acme, "staging", "A_KEY", "ay");

        var r = world.pullSecrets.pull(acme.developer(), "acme", "api", "staging", SecretQuery.ALL, false);

        assertThat(r.secrets()).extracting(p -> p.secret().key().value(), PullSecrets.Pulled::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A_KEY", "ay"), org.assertj.core.groups.Tuple.tuple("B_KEY", "bee"));
        assertThat(r.pagination()).isEmpty();
        assertThat(world.secrets.all()).allSatisfy(s -> assertThat(s.accessCount()).isEqualTo(1));
        var last = world.auditLog.events(acme.org().id()).get(world.auditLog.events(acme.org().id()).size() - 1);
        assertThat(last.action()).isEqualTo("secret.read");
        assertThat(last.detail()).contains("A_KEY", "B_KEY").doesNotContain("ay", "bee");
    }

    @Test
    void pull_preview_masksValuesAndIsNotAnAccess() {
        world.set(acme.owner(), acme, "dev", "TOKEN", "abcdefghijkl");
        int events = world.auditActions(acme.org()).size();

        var r = world.pullSecrets.pull(acme.viewer(), "acme", "api", "dev", SecretQuery.ALL, true);

        assertThat(r.secrets()).singleElement().satisfies(p -> assertThat(p.value()).isEqualTo("abcd••••••"));
        assertThat(world.secrets.all()).allSatisfy(s -> assertThat(s.accessCount()).isZero());
        assertThat(world.auditActions(acme.org())).hasSize(events);
    }

    @Test
    void pull_withTagKeysAndPage_filtersThenPages() {
        for (String k : List.of("A", "B", "C", "D")) {
            world.set(acme.owner(), acme, "dev", k, k.toLowerCase());
        }

        var r = world.pullSecrets.pull(acme.owner(), "acme", "api", "dev",
                new SecretQuery(List.of(), Set.of("B", "C", "D"), "", Paging.of(2, 1)), false);

        assertThat(r.secrets()).extracting(PullSecrets.Pulled::value).containsExactly("c", "d");
        assertThat(r.pagination()).contains(new Paging.Info(2, 1, 3));
    }

    @Test
    void pull_deletedSecret_isLeftOut() {
        world.set(acme.owner(), acme, "dev", "GONE", "x");
        world.set(acme.owner(), acme, "dev", "KEPT", "y");
        world.deleteSecrets.deleteOne(acme.owner(), "acme", "api", "dev", "GONE");

        var r = world.pullSecrets.pull(acme.owner(), "acme", "api", "dev", SecretQuery.ALL, false);

        assertThat(r.secrets()).extracting(p -> p.secret().key().value()).containsExactly("KEPT");
    }

    @Test
    void pull_prodByDeveloper_isForbiddenAndAuditsNothing() {
        world.set(acme.owner(), acme, "prod", "K", "v");
        int events = world.auditActions(acme.org()).size();

        rejected("forbidden", () -> world.pullSecrets.pull(acme.developer(), "acme", "api", "prod", SecretQuery.ALL, false));
        assertThat(world.auditActions(acme.org())).hasSize(events);
        assertThat(world.secrets.all()).allSatisfy(s -> assertThat(s.accessCount()).isZero());
    }

    @Test
    void pull_byNonMember_isNotFound() {
        var stranger = World.session(world.user("stranger@else.test"));

        rejected("organization_not_found", () -> world.pullSecrets.pull(stranger, "acme", "api", "dev", SecretQuery.ALL, false));
        rejected("organization_not_found", () -> world.pullSecrets.pull(stranger, acme.org().id().toString(), "api", "dev", SecretQuery.ALL, false));
    }

    @Test
    void pull_unknownProject_isProjectNotFound() {
        rejected("project_not_found", () -> world.pullSecrets.pull(acme.owner(), "acme", "web", "dev", SecretQuery.ALL, false));
    }
}
