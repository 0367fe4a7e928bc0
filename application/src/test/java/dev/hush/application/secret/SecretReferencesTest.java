package dev.hush.application.secret;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    private Map<String, PullSecrets.Pulled> pull(dev.hush.application.auth.Caller caller, String env, boolean resolve) {
        return world.pullSecrets.pull(caller, "acme", "api", env, SecretQuery.ALL, false, resolve, "", null).secrets().stream()
                .collect(Collectors.toMap(p -> p.secret().key().value(), p -> p));
    }

    @Test
    void references_toTheSameEnvironment_anotherEnvironment_andAnotherProject_resolveOnRead() {
        world.createProject.create(acme.owner(), "acme", "Shared", "shared");
        world.setSecret.set(acme.owner(), "acme", "shared", "prod", World.change("TOKEN", "shared-token"));
        world.set(acme.owner(), acme, "dev", "HOST", "db.dev");
        world.set(acme.owner(), acme, "prod", "PASSWORD", "prod-password");
        world.set(acme.owner(), acme, "dev", "URL", "postgres://app:${prod.PASSWORD}@${HOST}/app?t=${shared.prod.TOKEN} \\${LITERAL}");

        var pulled = pull(acme.owner(), "dev", true);
        assertThat(pulled.get("URL").value()).isEqualTo("postgres://app:prod-password@db.dev/app?t=shared-token ${LITERAL}");
        assertThat(pulled.get("URL").unresolved()).isEmpty();
        // The pull's own read, then one per environment read through references (dev's HOST, prod, shared's prod).
        assertThat(world.auditActions(acme.org()).stream().filter("secret.read"::equals).count()).isEqualTo(4);
        // Stored as written; resolve=false gives it back so.
        assertThat(pull(acme.owner(), "dev", false).get("URL").value()).isEqualTo("postgres://app:${prod.PASSWORD}@${HOST}/app?t=${shared.prod.TOKEN} \\${LITERAL}");
        assertThat(world.storedValue(acme, "dev", "URL")).contains("postgres://app:${prod.PASSWORD}@${HOST}/app?t=${shared.prod.TOKEN} \\${LITERAL}");
    }

    @Test
    void aReferenceTheReaderMayNotRead_staysUnresolved_andLeaksNothing() {
        world.set(acme.owner(), acme, "prod", "PASSWORD", "prod-password");
        world.set(acme.owner(), acme, "dev", "URL", "x:${prod.PASSWORD}:${MISSING}:${nope.KEY}");

        var pulled = pull(acme.developer(), "dev", true).get("URL");
        assertThat(pulled.value()).isEqualTo("x:${prod.PASSWORD}:${MISSING}:${nope.KEY}").doesNotContain("prod-password");
        assertThat(pulled.unresolved()).containsExactly("${prod.PASSWORD}", "${MISSING}", "${nope.KEY}");
        // The owner may read prod: resolved for them.
        assertThat(pull(acme.owner(), "dev", true).get("URL").value()).isEqualTo("x:prod-password:${MISSING}:${nope.KEY}");
        // Another organization's project of the same name is not reachable either.
        World.Team other = world.team("other");
        world.set(other.owner(), other, "dev", "OTHER", "x:${api.prod.PASSWORD}");
        assertThat(world.pullSecrets.pull(other.owner(), "other", "api", "dev", SecretQuery.ALL, false).secrets().get(0).value()).isEqualTo("x:${api.prod.PASSWORD}");
    }

    @Test
    void aCycle_orAChainDeeperThanEight_isRefusedOnWrite_namingIt_andNothingIsWritten() {
        world.set(acme.owner(), acme, "dev", "A", "a-${B}");
        world.set(acme.owner(), acme, "dev", "B", "b-${prod.C}");
        var cycle = rejected("reference_cycle", () -> world.set(acme.owner(), acme, "prod", "C", "c-${dev.A}"));
        assertThat(cycle.getMessage()).contains("api/prod/C -> api/dev/A -> api/dev/B -> api/prod/C");
        assertThat(world.storedValue(acme, "prod", "C")).isEmpty();
        rejected("reference_cycle", () -> world.set(acme.owner(), acme, "dev", "SELF", "${SELF}"));

        for (int i = 1; i <= 8; i++) {
            world.set(acme.owner(), acme, "staging", "K" + i, "${K" + (i + 1) + "}");
        }
        world.set(acme.owner(), acme, "staging", "K9", "end");
        assertThat(pull(acme.owner(), "staging", true).get("K1").value()).as("eight references deep: allowed").isEqualTo("end");
        var deep = rejected("reference_too_deep", () -> world.set(acme.owner(), acme, "staging", "K0", "${K1}"));
        assertThat(deep.getMessage()).contains("deeper than 8");
        rejected("validation_failed", () -> world.set(acme.owner(), acme, "dev", "BAD", "${HOME:-/tmp}"));
    }

    @Test
    void aBulkImport_thatMakesACycle_isRefusedWhole() {
        var entries = List.of(World.change("X", "${Y}"), World.change("Y", "${X}"));
        rejected("reference_cycle", () -> world.bulkImportSecrets.importAll(acme.owner(), "acme", "api", "dev", entries));
        assertThat(world.storedValue(acme, "dev", "X")).isEmpty();
    }
}
