package dev.hush.web.auth;

import dev.hush.application.auth.Authenticate;
import dev.hush.application.auth.Caller;
import dev.hush.application.auth.Client;
import dev.hush.application.net.Cidr;
import dev.hush.domain.Rejection;
import dev.hush.web.support.WebSettings;
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
    private final java.util.List<Cidr> trustedProxies;
    /** HUSH_COOKIE_SECURE: users reach this server over https (TLS ends at a proxy in front of it). */
    private final boolean httpsOrigin;

    /** {@code trustedProxies}: HUSH_TRUSTED_PROXIES, the reverse proxies whose X-Forwarded-For is believed (none by default). */
    RequestAuth(Authenticate authenticate, WebSettings.Addresses addresses, WebSettings.Cookie cookie) {
        this.authenticate = authenticate;
        this.httpsOrigin = cookie.secure();
        this.trustedProxies = Cidr.parseList(addresses.trustedProxies(), "HUSH_TRUSTED_PROXIES");
    }

    /** The caller, or a 401 rejection; a 403 for a cookie mutation without the CSRF header. */
    public Caller require(HttpRequest<?> request) {
        Optional<String> authorization = request.getHeaders().getAuthorization();
        if (authorization.isPresent()) {
            return authenticate.byAuthorization(authorization.get(), client(request));
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
            String scheme = request.isSecure() || httpsOrigin || forwardedHttps(request) ? "https" : "http";
            if (origin != null && !sameOrigin(origin, scheme, request.getHeaders().get("Host"))) {
                throw Rejection.forbidden("Cookie-authenticated changes must come from this server's own origin.");
            }
        }
        return caller;
    }

    /** The session's caller, for the dashboard's pages; empty without a (valid) session cookie. No CSRF check: see {@link #requireSameSite}. */
    public Optional<Caller> session(HttpRequest<?> request) {
        return sessionCookie(request).flatMap(authenticate::bySession).map(c -> c.from(client(request)));
    }

    /**
     * A cookie-authenticated change from the dashboard: the request carries {@code X-Requested-With: hush} (htmx
     * sends it) or the session's form token ({@code formToken}, for a plain form post), and an Origin, when sent,
     * is this server's. Otherwise 403: a page that could not send either fails closed.
     */
    public void requireSameSite(HttpRequest<?> request, String formToken) {
        String expected = sessionCookie(request).map(RequestAuth::formToken).orElse(null);
        boolean header = CSRF_VALUE.equals(request.getHeaders().get(CSRF_HEADER));
        boolean token = expected != null && formToken != null
                && java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        formToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (!header && !token) {
            throw Rejection.forbidden("This form has expired; reload the page and try again.");
        }
        String origin = request.getHeaders().get("Origin");
        String scheme = request.isSecure() || httpsOrigin || forwardedHttps(request) ? "https" : "http";
        if (origin != null && !sameOrigin(origin, scheme, request.getHeaders().get("Host"))) {
            throw Rejection.forbidden("Changes must come from this server's own pages.");
        }
    }

    /**
     * The per-session token a plain form carries: derived from the session cookie (which scripts and other sites
     * cannot read), so it needs no storage and ends with the session.
     */
    public static String formToken(String sessionCookie) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("hush-form-token:" + sessionCookie).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this request reached the server over https (directly, or through a trusted proxy, or HUSH_COOKIE_SECURE). */
    public boolean https(HttpRequest<?> request) {
        return request.isSecure() || httpsOrigin || forwardedHttps(request);
    }

    /**
     * The Origin's scheme, host and port equal this server's: the scheme users reach it by ({@code scheme}) and
     * the Host the request was sent to (a browser sets both; a proxy must keep Host).
     */
    static boolean sameOrigin(String origin, String scheme, String host) {
        if (host == null) {
            return false;
        }
        try {
            java.net.URI o = java.net.URI.create(origin);
            if (o.getHost() == null || !scheme.equalsIgnoreCase(o.getScheme())) {
                return false;
            }
            int port = o.getPort() != -1 ? o.getPort() : ("https".equalsIgnoreCase(scheme) ? 443 : 80);
            String h = host.strip().toLowerCase(java.util.Locale.ROOT);
            String expected = o.getHost().toLowerCase(java.util.Locale.ROOT);
            return h.equals(expected + ":" + port) || (h.equals(expected) && (port == 80 || port == 443));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The client's address and user agent, for throttling and the audit log. The address is the TCP peer's,
     * unless the peer is a trusted proxy (HUSH_TRUSTED_PROXIES): then X-Forwarded-For is read from the right,
     * past the trusted proxies, and the first other address is the client's. Anything a client could have
     * written itself (entries left of that one, or an entry that is not an IP address) is never taken.
     */
    public Client client(HttpRequest<?> request) {
        var address = request.getRemoteAddress();
        java.net.InetAddress peer = address == null ? null : address.getAddress();
        String ip = peer == null ? null : peer.getHostAddress();
        if (peer != null && isTrusted(peer)) {
            java.util.List<String> hops = new java.util.ArrayList<>();
            for (String header : request.getHeaders().getAll("X-Forwarded-For")) {
                for (String hop : header.split(",")) {
                    hops.add(hop.strip());
                }
            }
            for (int i = hops.size() - 1; i >= 0; i--) {
                Optional<java.net.InetAddress> hop = Cidr.literal(hops.get(i));
                if (hop.isEmpty()) {
                    break; // not an address: stop at the last trusted hop
                }
                ip = hop.get().getHostAddress();
                if (!isTrusted(hop.get())) {
                    break;
                }
            }
        }
        return new Client(ip, request.getHeaders().get("User-Agent"));
    }

    /** A trusted proxy (HUSH_TRUSTED_PROXIES) says the client reached it over https (X-Forwarded-Proto). */
    private boolean forwardedHttps(HttpRequest<?> request) {
        var address = request.getRemoteAddress();
        return address != null && address.getAddress() != null && isTrusted(address.getAddress())
                && "https".equalsIgnoreCase(String.valueOf(request.getHeaders().get("X-Forwarded-Proto")).split(",")[0].strip());
    }

    private boolean isTrusted(java.net.InetAddress address) {
        for (var net : trustedProxies) {
            if (net.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public static Optional<String> sessionCookie(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
    }

    static boolean isMutation(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH || method == HttpMethod.DELETE;
    }
}
