package dev.hush.web.dashboard;

import java.util.List;

/**
 * An organization's audit log as its page shows it: the filters as entered, one page of events (newest first),
 * links to the newer and older pages (null at either end), and the chain verification said plainly.
 */
public record AuditView(String org, String action, String actor, String from, String to, List<Event> events, long total, int first,
                        int last, String newer, String older, boolean intact, String verification, String notice) {
    /** One event; the actor is a member's e-mail when known, else the user id, with the token it used if any. */
    public record Event(long seq, String at, String actor, String action, String resource, String result, String clientIp, String detail) {}
}
