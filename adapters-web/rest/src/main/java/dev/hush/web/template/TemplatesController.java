package dev.hush.web.template;

import io.micronaut.core.annotation.Nullable;
import dev.hush.application.auth.Caller;
import dev.hush.application.project.Templates;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import java.util.List;

/** {@code /v1/templates/{org}/{project}}: the keys a project's environments must have. */
@Controller("/v1/templates/{org}/{project}")
@ExecuteOn("blocking")
@Tag(name = "templates")
final class TemplatesController {
    private final Templates templates;

    TemplatesController(Templates templates) {
        this.templates = templates;
    }

    @Serdeable
    record TemplateKey(String key, @Nullable String description) {}

    @Serdeable
    record TemplateKeys(List<TemplateKey> keys) {}

    @Serdeable
    record Validation(String environment, boolean valid, List<String> missing, List<String> extra) {}

    @Get
    @Operation(summary = "The template's required keys")
    TemplateKeys list(Caller caller, @PathVariable String org, @PathVariable String project) {
        return new TemplateKeys(templates.list(caller, org, project).stream()
                .map(k -> new TemplateKey(k.key(), k.description())).toList());
    }

    @Post
    @Operation(summary = "Add a required key (owner/admin)")
    HttpResponse<?> add(Caller caller, @PathVariable String org, @PathVariable String project, @Body TemplateKey body) {
        templates.add(caller, org, project, body.key(), body.description());
        return HttpResponse.status(HttpStatus.CREATED).body(body);
    }

    @Delete("/{key}")
    @Operation(summary = "Remove a required key (owner/admin)")
    HttpResponse<?> remove(Caller caller, @PathVariable String org, @PathVariable String project, @PathVariable String key) {
        templates.remove(caller, org, project, key);
        return HttpResponse.noContent();
    }

    @Get("/validate/{env}")
    @Operation(summary = "Validate an environment against the template: missing and extra keys")
    Validation validate(Caller caller, @PathVariable String org, @PathVariable String project, @PathVariable String env) {
        var v = templates.validate(caller, org, project, env);
        return new Validation(env, v.valid(), v.missing(), v.extra());
    }
}
