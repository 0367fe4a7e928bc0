package dev.hush.domain.access;

import dev.hush.domain.Rejection;
import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Project;

/**
 * The access policy of one caller in one organization: the member's role narrowed by the scope of the
 * credential in use. Every use case asks it before touching a project or an environment.
 */
public record Access(Role role, TokenScope scope) {

    public boolean mayReadValues(Project project, Environment env) {
        return role.canRead(env.readLevel()) && scope.allows(Permission.READ) && covers(project, env);
    }

    public boolean mayWrite(Project project, Environment env) {
        return role.canWriteSecrets() && scope.allows(Permission.WRITE) && covers(project, env);
    }

    /** Metadata (key names, versions) of an environment is visible to any member whose scope covers it. */
    public boolean maySeeMetadata(Project project, Environment env) {
        return scope.allows(Permission.READ) && covers(project, env);
    }

    public boolean maySeeProject(Project project) {
        return scope.coversProject(project.slug().value());
    }

    private boolean covers(Project project, Environment env) {
        return scope.coversProject(project.slug().value()) && scope.coversEnvironment(env.slug().value());
    }

    public void requireReadValues(Project project, Environment env) {
        if (!mayReadValues(project, env)) {
            throw Rejection.forbidden("Your role or token may not read values of environment '" + env.slug() + "'.");
        }
    }

    public void requireWrite(Project project, Environment env) {
        if (!mayWrite(project, env)) {
            throw Rejection.forbidden("Your role or token may not write to environment '" + env.slug() + "'.");
        }
    }

    public void requireMetadata(Project project, Environment env) {
        if (!maySeeMetadata(project, env)) {
            throw Rejection.forbidden("Your token does not cover environment '" + env.slug() + "'.");
        }
    }

    /** Owner or admin, with a write-capable credential. */
    public void requireAdmin(String what) {
        if (!role.canAdminister() || !scope.allows(Permission.WRITE)) {
            throw Rejection.forbidden("Only an owner or admin may " + what + ".");
        }
    }

    /** Organization-wide actions (creating projects) need a credential narrowed to no project and no environment. */
    public void requireOrgWideAdmin(String what) {
        requireAdmin(what);
        requireOrgWide(what);
    }

    /** Project-wide actions (adding environments) need a credential covering the project and not narrowed to some environments. */
    public void requireProjectAdmin(Project project, String what) {
        requireAdmin(what);
        if (!scope.coversProject(project.slug().value()) || !scope.environments().isEmpty()) {
            throw Rejection.forbidden("A token limited to some projects or environments may not " + what + ".");
        }
    }

    /** Owner-only actions (deleting projects) also need an organization-wide credential. */
    public void requireOwner(String what) {
        if (!role.isOwner() || !scope.allows(Permission.WRITE)) {
            throw Rejection.forbidden("Only an owner may " + what + ".");
        }
        requireOrgWide(what);
    }

    private void requireOrgWide(String what) {
        if (!scope.projects().isEmpty() || !scope.environments().isEmpty()) {
            throw Rejection.forbidden("A token limited to some projects or environments may not " + what + ".");
        }
    }
}
