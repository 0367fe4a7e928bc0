package dev.hush.web.dashboard;

import dev.hush.application.auth.Caller;
import dev.hush.application.auth.WhoAmI;
import dev.hush.application.project.ListProjects;
import dev.hush.application.project.Templates;
import dev.hush.domain.Rejection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A project's template: the keys every environment should have (add with a description, remove: owners and
 * admins), and every environment the caller may see validated against it (missing and extra keys, by name only).
 * The {@link Templates} use case's rules, as {@code /v1/templates} has them.
 */
@Controller("/orgs/{org}/projects/{project}/templates")
@Hidden
@ExecuteOn("blocking")
final class TemplatePages {
    private static final Map<String, String> DONE = Map.of(
            "added", "Required key added.",
            "removed", "Required key removed.");

    private final Pages pages;
    private final Templates templates;
    private final ListProjects projects;
    private final WhoAmI whoAmI;

    TemplatePages(Pages pages, Templates templates, ListProjects projects, WhoAmI whoAmI) {
        this.pages = pages;
        this.templates = templates;
        this.projects = projects;
        this.whoAmI = whoAmI;
    }

    @Get
    MutableHttpResponse<?> template(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                    @Nullable @QueryValue String done) {
        var caller = pages.require(request);
        return page(request, caller, org, project, HttpStatus.OK, null, done == null ? null : DONE.get(done));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> add(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                               @Nullable @Body Map<String, String> body) {
        var caller = pages.require(request);
        Map<String, String> form = body == null ? Map.of() : body;
        pages.requireSameSite(request, form.get("_token"));
        String description = form.getOrDefault("description", "").strip();
        try {
            templates.add(caller, org, project, form.getOrDefault("key", "").strip(), description.isEmpty() ? null : description);
        } catch (Rejection e) {
            if (e.kind() != Rejection.Kind.INVALID && e.kind() != Rejection.Kind.CONFLICT) {
                throw e;
            }
            return page(request, caller, org, project, Pages.status(e), message(e), null);
        }
        return Pages.seeOther(back(org, project) + "?done=added");
    }

    @Post(value = "/remove", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> remove(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                  @Nullable @Body Map<String, String> body) {
        var caller = pages.require(request);
        Map<String, String> form = body == null ? Map.of() : body;
        pages.requireSameSite(request, form.get("_token"));
        templates.remove(caller, org, project, form.getOrDefault("key", ""));
        return Pages.seeOther(back(org, project) + "?done=removed");
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, Caller caller, String org, String project, HttpStatus status, String error,
                                        String done) {
        var view = projects.describe(caller, org, project);
        var keys = templates.list(caller, org, project).stream().map(k -> new TemplateView.Key(k.key(),
                k.description() == null ? "" : k.description())).toList();
        List<TemplateView.Check> checks = new ArrayList<>();
        for (var env : view.environments()) {
            String slug = env.slug().value();
            Templates.Validation v;
            try {
                v = templates.validate(caller, org, project, slug);
            } catch (Rejection hidden) {
                if (hidden.kind() == Rejection.Kind.NOT_FOUND || hidden.kind() == Rejection.Kind.FORBIDDEN) {
                    continue; // an environment this caller may not see: not listed
                }
                throw hidden;
            }
            checks.add(new TemplateView.Check(slug, v.valid(), v.missing(), v.extra()));
        }
        boolean editable = whoAmI.memberships(caller).stream()
                .anyMatch(m -> (m.org().slug().value().equals(org) || m.org().id().toString().equals(org)) && m.role().canAdminister());
        var template = new TemplateView(org, view.project().slug().value(), view.project().name(), keys, editable, checks, done);
        Page page = pages.page(request, caller, "Template of " + view.project().name(), org);
        return Pages.render(status, "template", "page", error == null ? page : page.withError(error), "template", template);
    }

    private static String back(String org, String project) { return "/orgs/" + org + "/projects/" + project + "/templates"; }

    private static String message(Rejection e) { return Pages.message(e, Map.of("key", "Key", "description", "Description")); }

    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        String[] path = request.getPath().split("/");
        // An organization the caller is no member of is not named back to them.
        String org = path.length > 4 && e.kind() != Rejection.Kind.NOT_FOUND ? path[2] : null;
        String back = org == null ? "/" : back(org, path[4]);
        return pages.refused(request, e, org, message(e), back);
    }
}
