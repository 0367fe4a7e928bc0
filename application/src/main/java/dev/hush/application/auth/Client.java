package dev.hush.application.auth;

/** Where a request came from, as the audit log records it: client address and user agent (either may be null). */
public record Client(String ip, String userAgent) {
    public static final Client UNKNOWN = new Client(null, null);
}
