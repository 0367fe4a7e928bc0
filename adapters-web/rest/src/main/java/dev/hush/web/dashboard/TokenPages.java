package dev.hush.web.dashboard;

import dev.hush.application.auth.CreateToken;
import dev.hush.application.auth.ManageTokens;
import dev.hush.application.auth.WhoAmI;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.ApiToken;
import dev.hush.domain.access.Permission;
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
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The caller's API tokens: list them (never the tokens themselves), create one (shown once, on the answer to the
 * form, which like every answer is {@code no-store}), and revoke one. The same use cases and rules as
 * {@code POST /v1/auth/token}: from a signed-in session only, a scope that narrows what the creator's role allows.
 */
@Controller("/tokens")
@Hidden
@ExecuteOn("blocking")
final class TokenPages {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Pages pages;
    private final WhoAmI whoAmI;
    private final CreateToken createToken;
    private final ManageTokens manageTokens;

    TokenPages(Pages pages, WhoAmI whoAmI, CreateToken createToken, ManageTokens manageTokens) {
        this.pages = pages;
        this.whoAmI = whoAmI;
        this.createToken = createToken;
        this.manageTokens = manageTokens;
    }

    @Get
    MutableHttpResponse<?> tokens(HttpRequest<?> request) {
        var caller = pages.require(request);
        return list(request, caller, HttpStatus.OK, null);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(HttpRequest<?> request, @Nullable @Body Map<String, String> body) {
        var caller = pages.require(request);
        Map<String, String> form = body == null ? Map.of() : body;
        pages.requireSameSite(request, form.get("_token"));
        CreateToken.Created created;
        try {
            String org = form.getOrDefault("org", "").strip();
            created = createToken.create(caller, new CreateToken.Request(form.getOrDefault("name", ""), org.isEmpty() ? null : org,
                    list(form.get("projects")), list(form.get("environments")), "read".equals(form.get("permission")) ? List.of("read") : null,
                    days(form.get("expiresInDays"))));
        } catch (Rejection e) {
            if (e.kind() == Rejection.Kind.FORBIDDEN || e.kind() == Rejection.Kind.UNAUTHENTICATED) {
                throw e;
            }
            return list(request, caller, Pages.status(e), message(e));
        }
        return Pages.render(HttpStatus.CREATED, "token", "page", pages.page(request, caller, "New API token", null), "name", created.name(),
                "token", created.token(), "expires", created.expiresAt().map(WHEN::format).orElse("never"));
    }

    @Post(value = "/{tokenId}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String tokenId,
                                 @Nullable @Body Map<String, String> form) {
        var caller = pages.require(request);
        pages.requireSameSite(request, form == null ? null : form.get("_token"));
        manageTokens.revoke(caller, tokenId);
        return Pages.seeOther("/tokens");
    }

    private MutableHttpResponse<?> list(HttpRequest<?> request, dev.hush.application.auth.Caller caller, HttpStatus status, String error) {
        Map<UUID, String> orgSlugs = whoAmI.memberships(caller).stream()
                .collect(Collectors.toMap(m -> m.org().id(), m -> m.org().slug().value(), (a, b) -> a));
        List<TokenRow> rows = manageTokens.list(caller).stream().map(t -> row(t, orgSlugs)).toList();
        Page page = pages.page(request, caller, "API tokens", null);
        return Pages.render(status, "tokens", "page", error == null ? page : page.withError(error), "tokens", rows,
                "orgs", page.orgs());
    }

    private static TokenRow row(ApiToken t, Map<UUID, String> orgSlugs) {
        var s = t.scope();
        StringBuilder scope = new StringBuilder(s.orgId().map(id -> "organization " + orgSlugs.getOrDefault(id, id.toString()))
                .orElse("all organizations"));
        if (!s.projects().isEmpty()) {
            scope.append("; projects ").append(String.join(", ", s.projects().stream().sorted().toList()));
        }
        if (!s.environments().isEmpty()) {
            scope.append("; environments ").append(String.join(", ", s.environments().stream().sorted().toList()));
        }
        scope.append(s.permissions().contains(Permission.WRITE) ? "; read and write" : "; read only");
        return new TokenRow(t.id().toString(), t.name(), scope.toString(), WHEN.format(t.createdAt()),
                t.lastUsedAt().map(WHEN::format).orElse("never"), t.expiresAt().map(WHEN::format).orElse("never"));
    }

    /** A comma- or space-separated list of slugs; null (no restriction) when empty. */
    private static List<String> list(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return Arrays.stream(raw.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static Integer days(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw Rejection.invalid("expiresInDays", "must be a whole number of days between 1 and 3650");
        }
    }

    private static String message(Rejection e) {
        return Pages.message(e, Map.of("name", "Token name", "orgId", "Organization", "projects", "Project", "environments", "Environments",
                "expiresInDays", "Expires in days"));
    }

    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        return pages.refused(request, e, null, message(e), "/tokens");
    }
}
