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
            return authenticate.byToken(value.substring(7).strip()).orElseThrow(Rejection::unauthenticated).from(client(request));
        }
        Optional<String> cookie = sessionCookie(request);
        if (cookie.isEmpty()) {
            throw Rejection.unauthenticated();
        }
        Caller caller = authenticate.bySession(cookie.get()).orElseThrow(Rejection::unauthenticated).from(client(request));
        if (isMutation(request.getMethod())) {
            if (!CSRF_VALUE.equals(request.getHeaders().get(CSRF_HEADER))) {
                throw Rejection.forbidden("Cookie-authenticated changes need the header X-Requested-With: hush.");
            }
            String origin = request.getHeaders().get("Origin");
            if (origin != null && !sameOrigin(origin, request.getHeaders().get("Host"))) {
                throw Rejection.forbidden("Cookie-authenticated changes must come from this server's own origin.");
            }
        }
        return caller;
    }

    /** The Origin's host and port equal the Host the request was sent to (a browser sets both; a proxy must keep Host). */
    static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            java.net.URI o = java.net.URI.create(origin);
            if (o.getHost() == null) {
                return false;
            }
            int port = o.getPort() != -1 ? o.getPort() : ("https".equalsIgnoreCase(o.getScheme()) ? 443 : 80);
            String h = host.strip().toLowerCase(java.util.Locale.ROOT);
            String expected = o.getHost().toLowerCase(java.util.Locale.ROOT);
            return h.equals(expected + ":" + port) || (h.equals(expected) && (port == 80 || port == 443));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The peer address (proxies are not trusted: X-Forwarded-For is ignored) and the user agent, for the audit log. */
    public static dev.hush.application.auth.Client client(HttpRequest<?> request) {
        var address = request.getRemoteAddress();
        String ip = address == null || address.getAddress() == null ? null : address.getAddress().getHostAddress();
        return new dev.hush.application.auth.Client(ip, request.getHeaders().get("User-Agent"));
    }

    public static Optional<String> sessionCookie(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
    }

    static boolean isMutation(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH || method == HttpMethod.DELETE;
    }
}
