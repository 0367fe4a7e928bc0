package dev.hush.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.domain.access.Access;
import dev.hush.domain.access.Permission;
import dev.hush.domain.access.Role;
import dev.hush.domain.access.TokenScope;
import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Project;
import dev.hush.domain.tenant.ReadLevel;
import dev.hush.domain.tenant.Slug;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The role matrix of the API contract, and token scopes narrowing it. */
class AccessPolicyTest {
    final Project web = new Project(UUID.randomUUID(), UUID.randomUUID(), new Slug("web"), "Web", 1, Instant.now());
    final List<Environment> envs = Environment.defaultsFor(web.id());
    final Environment qaProd = new Environment(UUID.randomUUID(), web.id(), new Slug("qa"), "QA", ReadLevel.PROD);
    final Environment sandbox = new Environment(UUID.randomUUID(), web.id(), new Slug("sandbox"), "Sandbox", ReadLevel.DEV);

    Environment env(String slug) {
        return switch (slug) {
            case "qa" -> qaProd;
            case "sandbox" -> sandbox;
            default -> envs.stream().filter(e -> e.slug().value().equals(slug)).findFirst().orElseThrow();
        };
    }

    @ParameterizedTest(name = "{0} reads {1}: {2}, writes: {3}")
    @CsvSource({
            "OWNER, prod, true, true", "OWNER, qa, true, true", "ADMIN, prod, true, true",
            "DEVELOPER, dev, true, true", "DEVELOPER, staging, true, true", "DEVELOPER, prod, false, true", "DEVELOPER, qa, false, true",
            "DEVELOPER, sandbox, true, true",
            "VIEWER, dev, true, false", "VIEWER, sandbox, true, false", "VIEWER, staging, false, false", "VIEWER, prod, false, false"})
    void roleMatrix(Role role, String envSlug, boolean read, boolean write) {
        Access access = new Access(role, TokenScope.unrestricted());
        assertThat(access.mayReadValues(web, env(envSlug))).isEqualTo(read);
        assertThat(access.mayWrite(web, env(envSlug))).isEqualTo(write);
        assertThat(access.maySeeMetadata(web, env(envSlug))).isTrue();
    }

    @Test
    void administration_byRole() {
        assertThatThrownBy(() -> new Access(Role.DEVELOPER, TokenScope.unrestricted()).requireAdmin("x")).isInstanceOf(Rejection.class);
        new Access(Role.ADMIN, TokenScope.unrestricted()).requireAdmin("x");
        assertThatThrownBy(() -> new Access(Role.ADMIN, TokenScope.unrestricted()).requireOwner("x")).isInstanceOf(Rejection.class);
        new Access(Role.OWNER, TokenScope.unrestricted()).requireOwner("x");
    }

    @Test
    void tokenScope_narrowsButNeverWidens() {
        TokenScope readOnly = new TokenScope(Optional.empty(), Set.of(), Set.of(), Set.of(Permission.READ));
        assertThat(new Access(Role.OWNER, readOnly).mayWrite(web, env("dev"))).isFalse();
        assertThat(new Access(Role.OWNER, readOnly).mayReadValues(web, env("prod"))).isTrue();
        // A broad token does not lift a viewer above its role.
        assertThat(new Access(Role.VIEWER, TokenScope.unrestricted()).mayReadValues(web, env("prod"))).isFalse();
        TokenScope devOnly = new TokenScope(Optional.empty(), Set.of("web"), Set.of("dev"), Set.of(Permission.READ, Permission.WRITE));
        assertThat(new Access(Role.OWNER, devOnly).mayReadValues(web, env("dev"))).isTrue();
        assertThat(new Access(Role.OWNER, devOnly).mayReadValues(web, env("prod"))).isFalse();
        assertThat(new Access(Role.OWNER, devOnly).maySeeMetadata(web, env("prod"))).isFalse();
        assertThatThrownBy(() -> new Access(Role.OWNER, devOnly).requireOrgWideAdmin("create projects")).isInstanceOf(Rejection.class);
        TokenScope envOnly = new TokenScope(Optional.empty(), Set.of(), Set.of("dev"), Set.of(Permission.READ, Permission.WRITE));
        assertThatThrownBy(() -> new Access(Role.OWNER, envOnly).requireOwner("delete projects")).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> new Access(Role.OWNER, envOnly).requireOrgWideAdmin("create projects")).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> new Access(Role.OWNER, envOnly).requireProjectAdmin(web, "add environments")).isInstanceOf(Rejection.class);
        new Access(Role.OWNER, TokenScope.unrestricted()).requireOwner("delete projects");
        TokenScope otherProject = new TokenScope(Optional.empty(), Set.of("api"), Set.of(), Set.of(Permission.READ));
        assertThat(new Access(Role.OWNER, otherProject).maySeeProject(web)).isFalse();
    }
}
