package dev.hush.web.project;

import io.micronaut.core.annotation.Nullable;
import dev.hush.application.auth.Caller;
import dev.hush.application.keys.RotateProjectKey;
import dev.hush.application.port.KeyRotations;
import dev.hush.application.project.AddEnvironment;
import dev.hush.application.project.CreateProject;
import dev.hush.application.project.DeleteProject;
import dev.hush.application.project.ListProjects;
import dev.hush.application.project.ProjectView;
import dev.hush.domain.tenant.Environment;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code /v1/projects/{orgId}...}: {@code orgId} is the organization's id (its slug is accepted too). */
@Controller("/v1/projects/{orgId}")
@ExecuteOn("blocking")
@Tag(name = "projects")
final class ProjectsController {
    private final CreateProject createProject;
    private final ListProjects listProjects;
    private final DeleteProject deleteProject;
    private final AddEnvironment addEnvironment;
    private final RotateProjectKey rotateKey;

    ProjectsController(CreateProject createProject, ListProjects listProjects, DeleteProject deleteProject,
                       AddEnvironment addEnvironment, RotateProjectKey rotateKey) {
        this.rotateKey = rotateKey;
        this.createProject = createProject;
        this.listProjects = listProjects;
        this.deleteProject = deleteProject;
        this.addEnvironment = addEnvironment;
    }

    @Serdeable
    record CreateProjectRequest(String name, String slug) {}

    @Serdeable
    record CreateEnvironmentRequest(String slug, String name, String readLevel) {}

    @Serdeable
    record EnvironmentView(UUID id, String slug, String name, String readLevel) {}

    @Serdeable
    record ProjectDetails(UUID id, UUID orgId, String slug, String name, int keyVersion, Instant createdAt, List<EnvironmentView> environments,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          @Nullable KeyRotationView keyRotation) {}

    /** Progress of the re-encryption of older values to {@code targetVersion}. */
    @Serdeable
    record KeyRotationView(int targetVersion, long total, long reencrypted, long remaining, Instant startedAt, @Nullable Instant finishedAt) {
        static KeyRotationView of(KeyRotations.Rotation r) {
            long done = r.finishedAt().isPresent() ? r.total() : Math.min(r.done(), r.total());
            return new KeyRotationView(r.targetVersion(), r.total(), done, r.total() - done, r.startedAt(), r.finishedAt().orElse(null));
        }
    }

    @Serdeable
    record ProjectList(List<ProjectDetails> projects) {}

    @Get
    @Operation(summary = "List the organization's projects")
    ProjectList list(Caller caller, @PathVariable String orgId) {
        return new ProjectList(listProjects.list(caller, orgId).stream().map(ProjectsController::view).toList());
    }

    @Post
    @Operation(summary = "Create a project with dev, staging and prod (owner/admin)")
    MutableHttpResponse<ProjectDetails> create(Caller caller, @PathVariable String orgId, @Body CreateProjectRequest body) {
        var created = createProject.create(caller, orgId, body.name(), body.slug());
        return HttpResponse.status(HttpStatus.CREATED).body(view(created));
    }

    @Get("/{slug}")
    @Operation(summary = "Project details with its environments")
    ProjectDetails get(Caller caller, @PathVariable String orgId, @PathVariable String slug) {
        ProjectDetails d = view(listProjects.describe(caller, orgId, slug));
        return rotateKey.progress(caller, orgId, slug).map(r -> withRotation(d, r)).orElse(d);
    }

    @Post("/{slug}/rotate-key")
    @Operation(summary = "A new data key version for the project (owner/admin): new writes use it at once, older values are re-encrypted in the background")
    ProjectDetails rotateKey(Caller caller, @PathVariable String orgId, @PathVariable String slug) {
        var started = rotateKey.rotate(caller, orgId, slug);
        return withRotation(view(listProjects.describe(caller, orgId, slug)), started.rotation());
    }

    private static ProjectDetails withRotation(ProjectDetails d, KeyRotations.Rotation r) {
        return new ProjectDetails(d.id(), d.orgId(), d.slug(), d.name(), d.keyVersion(), d.createdAt(), d.environments(), KeyRotationView.of(r));
    }

    @Delete("/{slug}")
    @Operation(summary = "Delete a project and all its secrets (owner)")
    HttpResponse<?> delete(Caller caller, @PathVariable String orgId, @PathVariable String slug) {
        deleteProject.delete(caller, orgId, slug);
        return HttpResponse.noContent();
    }

    @Post("/{slug}/environments")
    @Operation(summary = "Add a custom environment with a read level (owner/admin)")
    MutableHttpResponse<EnvironmentView> addEnvironment(Caller caller, @PathVariable String orgId, @PathVariable String slug,
                                                        @Body CreateEnvironmentRequest body) {
        var env = addEnvironment.add(caller, orgId, slug, body.slug(), body.name(), body.readLevel());
        return HttpResponse.status(HttpStatus.CREATED).body(env(env));
    }

    private static ProjectDetails view(ProjectView v) {
        var p = v.project();
        return new ProjectDetails(p.id(), p.orgId(), p.slug().value(), p.name(), p.keyVersion(), p.createdAt(),
                v.environments().stream().map(ProjectsController::env).toList(), null);
    }

    private static EnvironmentView env(Environment e) {
        return new EnvironmentView(e.id(), e.slug().value(), e.name(), e.readLevel().wire());
    }
}
