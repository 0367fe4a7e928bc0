package dev.hush.web.auth;

import dev.hush.application.auth.Authenticate;
import dev.hush.application.auth.Caller;
import dev.hush.domain.Rejection;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Finds the caller of a request: a bearer token ({@code Authorization: Bearer hush_tok_...}) or the
 * session cookie. A cookie-authenticated mutation must carry {@code X-Requested-With: hush} (CSRF rule).
 */
@Singleton
public final class RequestAuth {
    public static final String COOKIE = "__hush_session";
    public static final String CSRF_HEADER = "X-Requested-With";
    public static final String CSRF_VALUE = "hush";

    private final Authenticate authenticate;

    RequestAuth(Authenticate authenticate) { this.authenticate = authenticate; }

    /** The caller, or a 401 rejection; a 403 for a cookie mutation without the CSRF header. */
    public Caller require(HttpRequest<?> request) {
        Optional<String> authorization = request.getHeaders().getAuthorization();
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw Rejection.unauthenticated();
            }
            return authenticate.byToken(value.substring(7).strip()).orElseThrow(Rejection::unauthenticated);
        }
        Optional<String> cookie = sessionCookie(request);
        if (cookie.isEmpty()) {
            throw Rejection.unauthenticated();
        }
        Caller caller = authenticate.bySession(cookie.get()).orElseThrow(Rejection::unauthenticated);
        if (isMutation(request.getMethod()) && !CSRF_VALUE.equals(request.getHeaders().get(CSRF_HEADER))) {
            throw Rejection.forbidden("Cookie-authenticated changes need the header X-Requested-With: hush.");
        }
        return caller;
    }

    public static Optional<String> sessionCookie(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
    }

    static boolean isMutation(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH || method == HttpMethod.DELETE;
    }
}
