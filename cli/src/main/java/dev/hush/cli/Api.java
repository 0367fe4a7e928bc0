package dev.hush.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The public HTTP API, JSON in and out; problem+json answers become {@link Failure}s with the right exit code. An
 * {@link #session} keeps the session cookie of a password login (and sends {@code X-Requested-With}, as the API asks
 * of cookie-authenticated writes): it is used only to mint an API token and is logged out at once.
 */
final class Api {
    private final String base;
    private final String token;
    private final boolean session;
    private String cookie;

    Api(String base, String token) {
        this(base, token, false);
    }

    private Api(String base, String token, boolean session) {
        this.base = base;
        this.token = token;
        this.session = session;
    }

    static Api session(String base) { return new Api(base, null, true); }

    String base() { return base; }

    /** A conditional read's answer: {@code notModified} (304, no body) or the body, with the answer's entity tag. */
    record Tagged(Map<String, Object> body, String etag, boolean notModified) {}

    /** {@code POST} with {@code If-None-Match} when {@code etag} is given. */
    Tagged postTagged(String path, Object body, String etag) {
        String[] seen = new String[1];
        Map<String, Object> answer = send("POST", path, body, etag, seen);
        return answer == NOT_MODIFIED ? new Tagged(Map.of(), seen[0] != null ? seen[0] : etag, true) : new Tagged(answer, seen[0], false);
    }

    private static final Map<String, Object> NOT_MODIFIED = java.util.Collections.unmodifiableMap(new java.util.HashMap<>());

    static String enc(String segment) { return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"); }

    Map<String, Object> get(String path) { return send("GET", path, null); }

    Map<String, Object> post(String path, Object body) { return send("POST", path, body); }

    Map<String, Object> put(String path, Object body) { return send("PUT", path, body); }

    Map<String, Object> delete(String path) { return send("DELETE", path, null); }

    /**
     * The answer as a map (empty for 204); {@link Failure} for anything else than 2xx. {@link HttpURLConnection}
     * rather than {@code java.net.http.HttpClient}: the latter builds a TLS context when it is created, which
     * costs a short-lived command more than the request itself.
     */
    Map<String, Object> send(String method, String path, Object body) { return send(method, path, body, null, null); }

    private Map<String, Object> send(String method, String path, Object body, String ifNoneMatch, String[] etag) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, path, body, ifNoneMatch, etag);
            } catch (Busy busy) {
                long waitMs = busy.retryAfterSeconds >= 0 ? busy.retryAfterSeconds * 1000L : 500L << (attempt - 1);
                if (attempt > RETRIES || waitMs > MAX_WAIT_MS) {
                    throw busy.failure;
                }
                // Full jitter on top, so that many clients told the same Retry-After do not come back together.
                sleep(waitMs + java.util.concurrent.ThreadLocalRandom.current().nextLong(waitMs / 5 + 100));
            }
        }
    }

    /** How many times a 429 or 503 is tried again. */
    static final int RETRIES = 3;
    /** A longer wait than this is not waited for: the command fails at once and says how long. */
    static final long MAX_WAIT_MS = 30_000;

    /** A 429 or 503: tried again after its Retry-After (or a doubling wait), at most {@link #RETRIES} times. */
    private static final class Busy extends RuntimeException {
        final long retryAfterSeconds;
        final Failure failure;

        Busy(long retryAfterSeconds, Failure failure) {
            super(null, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
            this.failure = failure;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Failure.NETWORK, "interrupted while waiting to try again");
        }
    }

    private Map<String, Object> sendOnce(String method, String path, Object body, String ifNoneMatch, String[] etag) {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        } catch (IllegalArgumentException | IOException e) {
            throw Failure.usage("invalid API URL '" + base + "'");
        }
        try {
            c.setConnectTimeout(10_000);
            c.setReadTimeout(60_000);
            c.setInstanceFollowRedirects(false);
            c.setRequestMethod(method);
            c.setRequestProperty("Accept", "application/json");
            if (token != null) {
                c.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (session) {
                c.setRequestProperty("X-Requested-With", "hush");
                if (cookie != null) {
                    c.setRequestProperty("Cookie", cookie);
                }
            }
            if (ifNoneMatch != null) {
                c.setRequestProperty("If-None-Match", ifNoneMatch);
            }
            if (body != null) {
                byte[] bytes = JSON.std.asBytes(body);
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                c.setFixedLengthStreamingMode(bytes.length);
                try (var out = c.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = c.getResponseCode();
            if (session) {
                for (String set : c.getHeaderFields().getOrDefault("Set-Cookie", List.of())) {
                    if (set.startsWith("__hush_session=")) {
                        cookie = set.split(";", 2)[0];
                    }
                }
            }
            if (etag != null) {
                etag[0] = c.getHeaderField("ETag");
            }
            if (status == 304) {
                return NOT_MODIFIED;
            }
            java.io.InputStream stream = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> json = parse(text);
            if (status >= 200 && status < 300) {
                return json;
            }
            if (status == 429 || status == 503) {
                long retryAfter = -1;
                try {
                    String header = c.getHeaderField("Retry-After");
                    retryAfter = header == null ? -1 : Long.parseLong(header.strip());
                } catch (NumberFormatException e) {
                    // an HTTP date or garbage: the doubling wait
                }
                Failure failure = failure(status, json);
                throw new Busy(retryAfter, retryAfter >= 0 ? new Failure(failure.exitCode, failure.getMessage() + " (retry after " + retryAfter + " s)")
                        : failure);
            }
            throw failure(status, json);
        } catch (ConnectException e) {
            throw new Failure(Failure.NETWORK, "cannot connect to " + base + " (is the server running? set --api-url or HUSH_API_URL)", e);
        } catch (SocketTimeoutException e) {
            throw new Failure(Failure.NETWORK, "no answer from " + base + " in time", e);
        } catch (IOException e) {
            throw new Failure(Failure.NETWORK, "network error talking to " + base + ": " + Failure.describe(e), e);
        }
    }

    static Map<String, Object> parse(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.std.mapFrom(body);
        } catch (IOException e) {
            return Map.of("detail", "an answer that is not JSON");
        }
    }

    static Failure failure(int status, Map<String, Object> problem) {
        String code = String.valueOf(problem.getOrDefault("code", ""));
        StringBuilder message = new StringBuilder(String.valueOf(problem.getOrDefault("detail", "HTTP " + status)));
        if (problem.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
            message.append(" (");
            for (int i = 0; i < errors.size() && i < 5; i++) {
                if (errors.get(i) instanceof Map<?, ?> e) {
                    message.append(i == 0 ? "" : "; ").append(e.get("field")).append(' ').append(e.get("message"));
                }
            }
            message.append(')');
        }
        int exit = switch (status) {
            case 401 -> Failure.AUTH;
            case 403 -> Failure.AUTH;
            case 404 -> Failure.NOT_FOUND;
            default -> status >= 500 ? Failure.SERVER : Failure.REFUSED;
        };
        String text = status == 401 ? "not logged in, or the token is invalid, expired or revoked (hush login)" : message.toString();
        return new Failure(exit, status == 401 ? "unauthorized" : code, code.isEmpty() || status == 401 ? text : text + " [" + code + "]", null);
    }
}
