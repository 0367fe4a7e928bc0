package dev.hush.web.dashboard;

import dev.hush.application.project.AddEnvironment;
import dev.hush.application.project.CreateProject;
import dev.hush.application.project.DeleteProject;
import dev.hush.application.project.ListProjects;
import dev.hush.application.secret.BulkImportSecrets;
import dev.hush.application.secret.DeleteSecrets;
import dev.hush.application.secret.ListSecretKeys;
import dev.hush.application.secret.PromoteSecrets;
import dev.hush.application.secret.PullSecrets;
import dev.hush.application.secret.SecretChange;
import dev.hush.application.secret.SecretHistory;
import dev.hush.application.secret.SecretQuery;
import dev.hush.application.secret.SetSecret;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.DotEnv;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Projects and the environment matrix: list and create projects; one row per key and one column per
 * environment the caller may see; reveal or copy one value (a counted, audited read answered {@code no-store});
 * set a value. The same use cases as the API, with its role and tenancy checks.
 */
@Controller("/orgs/{org}/projects")
@Hidden
@ExecuteOn("blocking")
final class ProjectPages {
    private final Pages pages;
    private final ListProjects listProjects;
    private final CreateProject createProject;
    private final ListSecretKeys listKeys;
    private final PullSecrets pullSecrets;
    private final SetSecret setSecret;
    private final SecretHistory history;
    private final BulkImportSecrets bulkImport;
    private final PromoteSecrets promoteSecrets;
    private final AddEnvironment addEnvironment;
    private final DeleteProject deleteProject;
    private final DeleteSecrets deleteSecrets;
    private final dev.hush.application.member.Membership membership;

    ProjectPages(Pages pages, ListProjects listProjects, CreateProject createProject, ListSecretKeys listKeys, PullSecrets pullSecrets,
                 SetSecret setSecret, SecretHistory history, BulkImportSecrets bulkImport, PromoteSecrets promoteSecrets,
                 AddEnvironment addEnvironment, DeleteProject deleteProject, DeleteSecrets deleteSecrets,
                 dev.hush.application.member.Membership membership) {
        this.membership = membership;
        this.deleteSecrets = deleteSecrets;
        this.addEnvironment = addEnvironment;
        this.deleteProject = deleteProject;
        this.promoteSecrets = promoteSecrets;
        this.history = history;
        this.bulkImport = bulkImport;
        this.pages = pages;
        this.listProjects = listProjects;
        this.createProject = createProject;
        this.listKeys = listKeys;
        this.pullSecrets = pullSecrets;
        this.setSecret = setSecret;
    }

    @Get
    MutableHttpResponse<?> projects(HttpRequest<?> request, @PathVariable String org) {
        var caller = pages.require(request);
        var projects = listProjects.list(caller, org);
        return Pages.render(HttpStatus.OK, "projects", "page", pages.page(request, caller, "Projects", org), "org", org,
                "projects", projects);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(HttpRequest<?> request, @PathVariable String org, @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String slug = form.getOrDefault("slug", "");
        var created = createProject.create(caller, org, form.getOrDefault("name", ""), slug.isBlank() ? null : slug);
        return Pages.seeOther("/orgs/" + org + "/projects/" + created.project().slug().value());
    }

    @Get("/{project}")
    MutableHttpResponse<?> matrix(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                  @Nullable @QueryValue("key") String setKey, @Nullable @QueryValue("env") String setEnv,
                                  @Nullable @QueryValue String prefix, @Nullable @QueryValue String tag) {
        var caller = pages.require(request);
        var view = listProjects.describe(caller, org, project);
        List<String> envs = view.environments().stream().map(e -> e.slug().value()).toList();
        // Filters run in the store: a case-sensitive key prefix and a tag, for every environment alike.
        SecretQuery filter = new SecretQuery(tag == null || tag.isBlank() ? List.of() : List.of(tag.strip()), Set.of(),
                prefix == null ? "" : prefix.strip(), dev.hush.application.secret.Paging.ALL);
        Map<String, Set<String>> present = new java.util.TreeMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        List<String> visible = new java.util.ArrayList<>();
        for (String env : envs) {
            List<Secret> keys;
            try {
                keys = listKeys.list(caller, org, project, env, filter).secrets();
            } catch (Rejection hidden) {
                if (hidden.kind() == Rejection.Kind.NOT_FOUND || hidden.kind() == Rejection.Kind.FORBIDDEN) {
                    continue; // an environment this caller's role or token may not see: no column
                }
                throw hidden;
            }
            visible.add(env);
            for (Secret s : keys) {
                present.computeIfAbsent(s.key().value(), k -> new LinkedHashSet<>()).add(env);
                if (s.description() != null && !s.description().isBlank()) {
                    descriptions.putIfAbsent(s.key().value(), s.description());
                }
            }
        }
        Map<String, Matrix.Row> rows = new LinkedHashMap<>();
        present.forEach((key, in) -> rows.put(key, new Matrix.Row(key, descriptions.get(key), in)));
        var role = pages.role(caller, org).orElseThrow(() -> Rejection.notFound("organization"));
        var access = new dev.hush.domain.access.Access(role, caller.scope());
        Set<String> readable = new java.util.HashSet<>();
        Set<String> writable = new java.util.HashSet<>();
        for (var e : view.environments()) {
            if (access.mayReadValues(view.project(), e)) {
                readable.add(e.slug().value());
            }
            if (access.mayWrite(view.project(), e)) {
                writable.add(e.slug().value());
            }
        }
        Matrix matrix = new Matrix(org, view.project().slug().value(), view.project().name(), List.copyOf(visible),
                List.copyOf(rows.values()), readable, writable, role.canAdminister(), role.isOwner());
        return Pages.render(HttpStatus.OK, "matrix", "page", pages.page(request, caller, view.project().name(), org), "matrix", matrix,
                "setKey", setKey == null ? "" : setKey, "setEnv", setEnv == null ? "" : setEnv,
                "prefix", prefix == null ? "" : prefix, "tag", tag == null ? "" : tag);
    }

    /** A key's versions in one environment, newest first (no values), each older one with a Restore button. */
    @Get("/{project}/history")
    MutableHttpResponse<?> history(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                   @QueryValue String env, @QueryValue String key) {
        var caller = pages.require(request);
        var versions = history.history(caller, org, project, env, key, false);
        // Who saved each version, by e-mail where the caller may see the members (owners and admins); else "a member".
        Map<String, String> who = new java.util.HashMap<>();
        try {
            membership.list(caller, org).members().forEach(m -> who.put(m.userId().toString(), m.email()));
        } catch (Rejection notAllowed) {
            // developers and viewers do not see the member list
        }
        who.put(caller.userId().toString(), caller.user().email());
        return Pages.render(HttpStatus.OK, "history", "page", pages.page(request, caller, "History of " + key, org), "org", org,
                "project", project, "env", env, "key", key, "versions", versions, "who", who);
    }

    /** Restores a version: its value becomes the newest version (the API's restore, the same rights). */
    @Post(value = "/{project}/restore", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> restore(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                   @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String env = form.getOrDefault("env", "");
        String key = form.getOrDefault("key", "");
        int version;
        try {
            version = Integer.parseInt(form.getOrDefault("version", ""));
        } catch (NumberFormatException e) {
            throw Rejection.invalid("version", "must be a version number");
        }
        setSecret.restore(caller, org, project, env, key, version);
        return Pages.seeOther("/orgs/" + org + "/projects/" + project + "/history?env=" + enc(env) + "&key=" + enc(key));
    }

    /** Parses a pasted .env and shows what the import would create or update; nothing is written. */
    @Post(value = "/{project}/bulk/preview", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> bulkPreview(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                       @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String env = form.getOrDefault("env", "");
        String content = form.getOrDefault("content", "");
        Map<String, String> values = parse(content);
        Set<String> stored = new java.util.HashSet<>();
        for (Secret s : listKeys.list(caller, org, project, env, SecretQuery.ALL).secrets()) {
            stored.add(s.key().value());
        }
        List<String> created = values.keySet().stream().filter(k -> !stored.contains(k)).toList();
        List<String> existing = values.keySet().stream().filter(stored::contains).toList();
        // A caller who may read this environment sees which existing keys change and which stay (a counted, audited
        // read of those values); anyone else sees only that they exist, as the import itself would not tell them.
        List<String> updated = List.of();
        List<String> unchanged = List.of();
        if (!existing.isEmpty()) {
            try {
                Map<String, String> current = values(caller, org, project, env, existing);
                updated = existing.stream().filter(k -> !values.get(k).equals(current.get(k))).toList();
                unchanged = existing.stream().filter(k -> values.get(k).equals(current.get(k))).toList();
                existing = List.of();
            } catch (Rejection notReadable) {
                if (notReadable.kind() != Rejection.Kind.FORBIDDEN) {
                    throw notReadable;
                }
            }
        }
        return Pages.render(HttpStatus.OK, "bulk", "page", pages.page(request, caller, "Import preview", org), "org", org,
                "project", project, "env", env, "content", content, "created", created, "updated", updated, "unchanged", unchanged,
                "existing", existing);
    }

    /** Applies a previewed .env: every key in one transaction (all or nothing), as the API's bulk import. */
    @Post(value = "/{project}/bulk", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> bulk(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String env = form.getOrDefault("env", "");
        List<SecretChange> changes = new java.util.ArrayList<>();
        parse(form.getOrDefault("content", "")).forEach((key, value) -> changes.add(new SecretChange(SecretKey.of("key", key),
                Optional.of(SecretValue.of("value", value)), Optional.empty(), Optional.empty(), Optional.empty())));
        var r = bulkImport.importAll(caller, org, project, env, changes);
        var page = pages.page(request, caller, "Imported into " + env + ": " + r.created() + " created, " + r.updated() + " updated, "
                + r.unchanged() + " unchanged", org);
        return Pages.render(HttpStatus.OK, "message", "page", page, "back", "/orgs/" + org + "/projects/" + project);
    }

    /** Soft-deletes one key in one environment (its versions are kept; setting it again brings it back). */
    @Post(value = "/{project}/delete-secret", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> deleteSecret(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                        @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String cell = form.getOrDefault("cell", "");
        int colon = cell.indexOf(':');
        if (colon <= 0) {
            throw Rejection.invalid("cell", "must be env:KEY");
        }
        deleteSecrets.deleteOne(caller, org, project, cell.substring(0, colon), cell.substring(colon + 1));
        return Pages.seeOther("/orgs/" + org + "/projects/" + project);
    }

    /** A custom environment with the level of who may read its values. */
    @Post(value = "/{project}/environments", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> addEnvironment(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                          @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        addEnvironment.add(caller, org, project, form.getOrDefault("slug", ""), form.getOrDefault("name", ""), form.get("readLevel"));
        return Pages.seeOther("/orgs/" + org + "/projects/" + project);
    }

    /** Deletes the project and everything in it (its keys too), after the slug is typed to confirm. */
    @Post(value = "/{project}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> deleteProject(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                         @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        if (!project.equals(form.getOrDefault("confirm", "").strip())) {
            throw Rejection.invalid("confirm", "must be the project's slug, " + project);
        }
        deleteProject.delete(caller, org, project);
        return Pages.seeOther("/orgs/" + org + "/projects");
    }

    /** What promoting would create or update in the target; nothing is written. */
    @Post(value = "/{project}/promote/preview", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> promotePreview(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                          @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String from = form.getOrDefault("from", "");
        String to = form.getOrDefault("to", "");
        if (from.equals(to)) {
            throw Rejection.invalid("to", "must differ from 'from'");
        }
        List<String> wanted = keys(form.get("keys"));
        Set<String> source = keysIn(caller, org, project, from);
        Set<String> target = keysIn(caller, org, project, to);
        List<String> chosen = wanted.isEmpty() ? List.copyOf(source) : wanted;
        for (String key : chosen) {
            if (!source.contains(key)) {
                throw Rejection.invalid("keys", "'" + key + "' has no value in " + from);
            }
        }
        List<String> created = chosen.stream().filter(k -> !target.contains(k)).toList();
        List<String> existing = chosen.stream().filter(target::contains).toList();
        // Which existing keys change needs both values: a caller who may read both environments sees it (an audited read).
        List<String> updated = List.of();
        List<String> unchanged = List.of();
        if (!existing.isEmpty()) {
            try {
                Map<String, String> source2 = values(caller, org, project, from, existing);
                Map<String, String> target2 = values(caller, org, project, to, existing);
                updated = existing.stream().filter(k -> !java.util.Objects.equals(source2.get(k), target2.get(k))).toList();
                unchanged = existing.stream().filter(k -> java.util.Objects.equals(source2.get(k), target2.get(k))).toList();
                existing = List.of();
            } catch (Rejection notReadable) {
                if (notReadable.kind() != Rejection.Kind.FORBIDDEN) {
                    throw notReadable;
                }
            }
        }
        return Pages.render(HttpStatus.OK, "promote", "page", pages.page(request, caller, "Promotion preview", org), "org", org,
                "project", project, "from", from, "to", to, "keys", String.join(",", chosen), "created", created, "updated", updated,
                "unchanged", unchanged, "existing", existing);
    }

    /** Promotes the previewed keys: their current values become new versions in the target, all in one transaction. */
    @Post(value = "/{project}/promote", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> promote(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                   @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String from = form.getOrDefault("from", "");
        String to = form.getOrDefault("to", "");
        var r = promoteSecrets.promote(caller, org, project, from, to, keys(form.get("keys")));
        var page = pages.page(request, caller, "Promoted " + r.promoted() + " from " + from + " to " + to + ": " + r.created() + " created, "
                + r.updated() + " updated, " + r.unchanged() + " unchanged", org);
        return Pages.render(HttpStatus.OK, "message", "page", page, "back", "/orgs/" + org + "/projects/" + project);
    }

    private Map<String, String> values(dev.hush.application.auth.Caller caller, String org, String project, String env, List<String> keys) {
        Map<String, String> out = new java.util.HashMap<>();
        pullSecrets.pull(caller, org, project, env, new SecretQuery(List.of(), Set.copyOf(keys), "", dev.hush.application.secret.Paging.ALL),
                false).secrets().forEach(p -> out.put(p.secret().key().value(), p.value()));
        return out;
    }

    private Set<String> keysIn(dev.hush.application.auth.Caller caller, String org, String project, String env) {
        Set<String> out = new java.util.TreeSet<>();
        listKeys.list(caller, org, project, env, SecretQuery.ALL).secrets().forEach(s -> out.add(s.key().value()));
        return out;
    }

    private static List<String> keys(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(csv.split(",")).map(String::strip).filter(k -> !k.isEmpty()).distinct().toList();
    }

    private static Map<String, String> parse(String content) {
        Map<String, String> values;
        try {
            values = DotEnv.parse(content);
        } catch (DotEnv.ParseError e) {
            throw Rejection.invalid("content", e.getMessage());
        }
        if (values.isEmpty()) {
            throw Rejection.invalid("content", "has no KEY=value line");
        }
        return values;
    }

    /** Two versions' values side by side: a read of the values (read right, audited like a reveal), answered no-store. */
    @Post(value = "/{project}/compare", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> compare(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                   @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String env = form.getOrDefault("env", "");
        String key = form.getOrDefault("key", "");
        int a = version(form.get("a"));
        int b = version(form.get("b"));
        var entries = history.history(caller, org, project, env, key, true);
        String valueA = entries.stream().filter(e -> e.version().version() == a).findFirst().flatMap(SecretHistory.Entry::value)
                .orElseThrow(() -> Rejection.notFound("version"));
        String valueB = entries.stream().filter(e -> e.version().version() == b).findFirst().flatMap(SecretHistory.Entry::value)
                .orElseThrow(() -> Rejection.notFound("version"));
        return Pages.render(HttpStatus.OK, "compare", "page", pages.page(request, caller, "Compare versions of " + key, org), "org", org,
                "project", project, "env", env, "key", key, "a", a, "valueA", valueA, "b", b, "valueB", valueB);
    }

    private static int version(String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw Rejection.invalid("version", "must be a version number");
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * One value: HTML for htmx (a fragment that hides itself again), or the bare text for the Copy button. The
     * matrix's buttons send the cell as {@code env:KEY} with htmx's header; without a script nothing is sent, so
     * a page without JS fails closed.
     */
    @Post(value = "/{project}/reveal", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> reveal(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                                  @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String env = form.getOrDefault("env", "");
        String key = form.getOrDefault("key", "");
        String cell = form.get("cell");
        if (cell != null && cell.indexOf(':') > 0) {
            // The matrix's Reveal and Copy buttons send "env:KEY" (neither may contain a colon).
            env = cell.substring(0, cell.indexOf(':'));
            key = cell.substring(cell.indexOf(':') + 1);
        }
        var pulled = pullSecrets.pull(caller, org, project, env, new SecretQuery(List.of(), Set.of(key), "",
                dev.hush.application.secret.Paging.ALL), false).secrets();
        if (pulled.isEmpty()) {
            throw Rejection.notFound("secret");
        }
        String value = pulled.get(0).value();
        if ("1".equals(form.get("plain"))) {
            return HttpResponse.ok(value).contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        return Pages.render(HttpStatus.OK, "revealed", "value", value);
    }

    @Post(value = "/{project}/secrets", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> set(HttpRequest<?> request, @PathVariable String org, @PathVariable String project,
                               @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String description = form.getOrDefault("description", "");
        String tags = form.getOrDefault("tags", "");
        String purpose = form.getOrDefault("purposeType", "");
        var change = new SecretChange(SecretKey.of("key", form.getOrDefault("key", "")),
                Optional.of(SecretValue.of("value", form.getOrDefault("value", ""))),
                tags.isBlank() ? Optional.empty() : Optional.of(dev.hush.domain.secret.Tags.of("tags",
                        java.util.Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList())),
                purpose.isBlank() ? Optional.empty() : Optional.of(dev.hush.domain.secret.PurposeType.parse("purposeType", purpose)),
                description.isBlank() ? Optional.empty() : Optional.of(description));
        setSecret.set(caller, org, project, form.getOrDefault("env", ""), change);
        return Pages.seeOther("/orgs/" + org + "/projects/" + project);
    }


    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        return pages.refused(request, e, null, Pages.message(e), "/");
    }
}
