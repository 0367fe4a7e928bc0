package dev.hush.web.dashboard;

import dev.hush.application.auth.WhoAmI;
import dev.hush.application.member.ManageOrganizations;
import dev.hush.application.project.ListProjects;
import dev.hush.application.secret.ListSecretKeys;
import dev.hush.application.secret.Paging;
import dev.hush.application.secret.SecretQuery;
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
import java.util.Set;

/**
 * Organizations: create one (the caller becomes its owner), its settings (delete, owner only, with a typed confirmation), and
 * the search of every project by key name.
 */
@Controller("/orgs")
@Hidden
@ExecuteOn("blocking")
final class OrgPages {
    private final Pages pages;
    private final ManageOrganizations organizations;
    private final ListProjects listProjects;
    private final ListSecretKeys listKeys;
    private final WhoAmI whoAmI;

    OrgPages(Pages pages, ManageOrganizations organizations, ListProjects listProjects, ListSecretKeys listKeys, WhoAmI whoAmI) {
        this.whoAmI = whoAmI;
        this.pages = pages;
        this.organizations = organizations;
        this.listProjects = listProjects;
        this.listKeys = listKeys;
    }

    @Get("/new")
    MutableHttpResponse<?> newOrg(HttpRequest<?> request) {
        var caller = pages.require(request);
        return Pages.render(HttpStatus.OK, "org-new", "page", pages.page(request, caller, "New organization", null));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(HttpRequest<?> request, @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String slug = form.getOrDefault("slug", "");
        var org = organizations.create(caller, form.getOrDefault("name", ""), slug.isBlank() ? null : slug);
        return Pages.seeOther("/orgs/" + org.slug().value() + "/projects");
    }

    @Get("/{org}/settings")
    MutableHttpResponse<?> settings(HttpRequest<?> request, @PathVariable String org) {
        var caller = pages.require(request);
        var page = pages.page(request, caller, "Settings", org);
        if (!page.orgs().contains(org)) {
            throw Rejection.notFound("organization");
        }
        String name = whoAmI.memberships(caller).stream().filter(m -> m.org().slug().value().equals(org)).findFirst()
                .map(m -> m.org().name()).orElse(org);
        return Pages.render(HttpStatus.OK, "org-settings", "page", page, "org", org, "name", name);
    }

    @Post(value = "/{org}/rename", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> rename(HttpRequest<?> request, @PathVariable String org, @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        organizations.rename(caller, org, form.getOrDefault("name", ""));
        return Pages.seeOther("/orgs/" + org + "/settings");
    }

    @Post(value = "/{org}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> delete(HttpRequest<?> request, @PathVariable String org, @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        if (!org.equals(form.getOrDefault("confirm", "").strip())) {
            throw Rejection.invalid("confirm", "must be the organization's slug, " + org);
        }
        organizations.delete(caller, org);
        return Pages.seeOther("/");
    }

    /** Keys by name across every project and environment the caller may see (a key-name prefix; no values). */
    @Get("/{org}/search")
    MutableHttpResponse<?> search(HttpRequest<?> request, @PathVariable String org, @Nullable @QueryValue String q) {
        var caller = pages.require(request);
        String prefix = q == null ? "" : q.strip();
        List<String[]> hits = new ArrayList<>();
        if (!prefix.isEmpty()) {
            SecretQuery query = new SecretQuery(List.of(), Set.of(), prefix, Paging.ALL);
            for (var project : listProjects.list(caller, org)) {
                String slug = project.project().slug().value();
                for (var env : project.environments()) {
                    try {
                        for (var s : listKeys.list(caller, org, slug, env.slug().value(), query).secrets()) {
                            hits.add(new String[] {slug, env.slug().value(), s.key().value()});
                        }
                    } catch (Rejection hidden) {
                        if (hidden.kind() != Rejection.Kind.NOT_FOUND && hidden.kind() != Rejection.Kind.FORBIDDEN) {
                            throw hidden;
                        }
                    }
                }
            }
        }
        return Pages.render(HttpStatus.OK, "search", "page", pages.page(request, caller, "Search", org), "org", org, "q", prefix, "hits", hits);
    }


    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        return pages.refused(request, e, null, Pages.message(e), "/");
    }
}
