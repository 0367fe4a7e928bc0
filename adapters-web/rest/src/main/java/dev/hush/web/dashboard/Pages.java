package dev.hush.web.dashboard;

import dev.hush.application.auth.Caller;
import dev.hush.application.auth.WhoAmI;
import dev.hush.domain.Rejection;
import dev.hush.web.auth.RequestAuth;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard's controllers share: who is signed in (the session cookie, through the same
 * {@link RequestAuth} as the API), the layout's data, rendering, and the answers for a page nobody is signed in
 * to (a redirect to the login page that comes back) or that a use case refused (the refusal's message as a page).
 */
@Singleton
final class Pages {
    private final RequestAuth auth;
    private final WhoAmI whoAmI;

    Pages(RequestAuth auth, WhoAmI whoAmI) {
        this.auth = auth;
        this.whoAmI = whoAmI;
    }

    Optional<Caller> caller(HttpRequest<?> request) { return auth.session(request); }

    /** The signed-in caller, or a {@link SignIn} that sends the browser to the login page and back here. */
    Caller require(HttpRequest<?> request) {
        return caller(request).orElseThrow(() -> new SignIn(request.getUri().toString()));
    }

    /** A change from a page: same site, with the header htmx sends or the session's form token. */
    void requireSameSite(HttpRequest<?> request, String formToken) { auth.requireSameSite(request, formToken); }

    /** The caller of a form post: signed in ({@link #require}), then same site with the form's {@code _token} ({@link #requireSameSite}). */
    Caller change(HttpRequest<?> request, java.util.Map<String, String> form) {
        Caller caller = require(request);
        requireSameSite(request, form.get("_token"));
        return caller;
    }

    /** The caller's role in the organization (by slug), to offer only the actions it allows; the use cases still check. */
    Optional<dev.hush.domain.access.Role> role(Caller caller, String orgSlug) {
        return whoAmI.memberships(caller).stream().filter(m -> m.org().slug().value().equals(orgSlug)).findFirst().map(m -> m.role());
    }

    Page page(HttpRequest<?> request, Caller caller, String title, String currentOrg) {
        var memberships = whoAmI.memberships(caller);
        var orgs = memberships.stream().map(m -> m.org().slug().value()).toList();
        boolean orgAdmin = currentOrg != null && memberships.stream()
                .anyMatch(m -> m.org().slug().value().equals(currentOrg) && m.role().canAdminister());
        String token = RequestAuth.sessionCookie(request).map(RequestAuth::formToken).orElse("");
        return new Page(title, caller.user().email(), orgs, currentOrg, token, null, caller.user().platformAdmin(), orgAdmin);
    }

    /** A refusal as a page: the layout (signed in or not), the message announced, a link back; the refusal's status. */
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e, String currentOrg, String message, String back) {
        Page page = caller(request).map(c -> page(request, c, "Refused", currentOrg)).orElse(Page.anonymous("Refused", null));
        return render(status(e), "message", "page", page.withError(message), "back", back);
    }

    /** What a refusal says to a person: its first field's message, else its detail. */
    static String message(Rejection e) {
        return e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
    }

    static MutableHttpResponse<ModelAndView<Map<String, Object>>> render(HttpStatus status, String view, Object... pairs) {
        Map<String, Object> model = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            model.put((String) pairs[i], pairs[i + 1]);
        }
        return HttpResponse.<ModelAndView<Map<String, Object>>>status(status).body(new ModelAndView<>(view, model))
                .header("Referrer-Policy", REFERRER_POLICY);
    }

    static MutableHttpResponse<?> seeOther(String location) {
        return HttpResponse.seeOther(URI.create(location)).header("Referrer-Policy", REFERRER_POLICY);
    }

    /**
     * A page's links and forms send no referrer to other sites, and the page's own form posts carry its real
     * Origin (under {@code no-referrer} browsers send {@code Origin: null}, which the server must refuse).
     */
    static final String REFERRER_POLICY = "same-origin";

    /** An answer for a page that needs a session: the login page, then back. */
    static MutableHttpResponse<?> toLogin(String back) {
        return seeOther("/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }

    /** Where to go after logging in: only a path on this server (an open redirect would send users elsewhere). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            return "/";
        }
        return next;
    }

    /** The status a refusal answers with, as the API's problems do. */
    static HttpStatus status(Rejection r) { return dev.hush.web.problem.Problems.status(r); }

    /**
     * A refusal as a page says it: its first invalid field under the form's label for it ({@code labels}: field to
     * label; an indexed field such as {@code projects[0]} takes its list's label), else its detail.
     */
    static String message(Rejection e, java.util.Map<String, String> labels) {
        if (e.errors().isEmpty()) {
            return e.getMessage();
        }
        var first = e.errors().get(0);
        String field = first.field().replaceAll("\\[\\d+]$", "");
        return labels.getOrDefault(field, field) + ": " + first.message();
    }

    /** Thrown when a page needs a session and there is none: answered with a redirect to the login page. */
    static final class SignIn extends RuntimeException {
        final String back;

        SignIn(String back) {
            super(null, null, false, false);
            this.back = back;
        }
    }
}
