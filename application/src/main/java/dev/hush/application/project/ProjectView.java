package dev.hush.application.project;

import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Project;
import java.util.List;

/** A project with its environments. */
public record ProjectView(Project project, List<Environment> environments) {}
