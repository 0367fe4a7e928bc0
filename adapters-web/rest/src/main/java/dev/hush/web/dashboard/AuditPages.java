package dev.hush.web.dashboard;

import dev.hush.application.audit.ReadAudit;
import dev.hush.application.member.Membership;
import dev.hush.application.port.AuditLog;
import dev.hush.application.port.Members;
import dev.hush.domain.Rejection;
import dev.hush.domain.audit.AuditEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An organization's audit log for its owners and admins (as {@code GET /v1/audit/{orgId}}): events newest first,
 * filtered by action (exact, or a prefix ending in '.'), actor (a member's e-mail or a user id) and dates (UTC days,
 * both inclusive), a page at a time, with the verification of the whole hash chain.
 */
@Controller("/orgs/{org}/audit")
@Hidden
@ExecuteOn("blocking")
final class AuditPages {
    static final int PAGE_SIZE = 50;

    private final Pages pages;
    private final ReadAudit readAudit;
    private final Membership membership;

    AuditPages(Pages pages, ReadAudit readAudit, Membership membership) {
        this.pages = pages;
        this.readAudit = readAudit;
        this.membership = membership;
    }

    @Get
    MutableHttpResponse<?> audit(HttpRequest<?> request, @PathVariable String org, @Nullable @QueryValue String action,
                                 @Nullable @QueryValue String actor, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                 @Nullable @QueryValue Integer page) {
        var caller = pages.require(request);
        String a = trim(action);
        String who = trim(actor);
        String f = trim(from);
        String t = trim(to);
        int number = page == null || page < 1 ? 1 : page;
        // The verification first: it also refuses those who may not read the log (developers, viewers: 403; others: 404).
        var verification = readAudit.verify(caller, org);
        Map<UUID, String> emails = membership.list(caller, org).members().stream()
                .collect(Collectors.toMap(Members.Member::userId, Members.Member::email, (x, y) -> x));
        String notice = null;
        Optional<UUID> actorId = Optional.empty();
        if (!who.isEmpty()) {
            actorId = actorId(who, emails);
            if (actorId.isEmpty()) {
                notice = "No member of " + org + " has the e-mail " + who + "; showing no events. Use a user id for a former member.";
            }
        }
        var filter = new AuditLog.Filter(a.isEmpty() ? Optional.empty() : Optional.of(a), actorId,
                f.isEmpty() ? Optional.empty() : Optional.of(day("from", f, 0)), t.isEmpty() ? Optional.empty() : Optional.of(day("to", t, 1)));
        ReadAudit.Page found = notice != null ? new ReadAudit.Page(java.util.List.of(), PAGE_SIZE, 0, 0)
                : readAudit.query(caller, org, filter, PAGE_SIZE, (number - 1) * PAGE_SIZE);
        var events = found.events().stream().map(e -> event(e, emails)).toList();
        String base = "/orgs/" + org + "/audit?" + query(Map.of("action", a, "actor", who, "from", f, "to", t));
        String newer = number > 1 ? base + "page=" + (number - 1) : null;
        String older = (long) number * PAGE_SIZE < found.total() ? base + "page=" + (number + 1) : null;
        int first = events.isEmpty() ? 0 : found.offset() + 1;
        String said = verification.valid()
                ? "The audit chain is intact: " + verification.events() + " events verified."
                : "The audit chain is broken at event " + verification.brokenAt().map(String::valueOf).orElse("?") + ": the "
                        + verification.events() + " events before it verified, that one is missing or was changed.";
        var view = new AuditView(org, a, who, f, t, events, found.total(), first, found.offset() + events.size(), newer, older,
                verification.valid(), said, notice);
        return Pages.render(HttpStatus.OK, "audit", "page", pages.page(request, caller, "Audit log", org), "audit", view);
    }

    private static AuditView.Event event(AuditEvent e, Map<UUID, String> emails) {
        String actor = e.actorUser().map(id -> emails.getOrDefault(id, id.toString())).orElse("system");
        if (e.actorToken().isPresent()) {
            actor += " (token " + e.actorToken().get().toString().substring(0, 8) + ")";
        }
        return new AuditView.Event(e.seq(), TokenPages.WHEN.format(e.at()), actor, e.action(), e.resource(), e.result(),
                e.clientIp() == null ? "" : e.clientIp(), e.detail() == null ? "" : e.detail());
    }

    private static Optional<UUID> actorId(String who, Map<UUID, String> emails) {
        try {
            return Optional.of(UUID.fromString(who));
        } catch (IllegalArgumentException notAnId) {
            String wanted = who.toLowerCase(Locale.ROOT);
            return emails.entrySet().stream().filter(m -> m.getValue().toLowerCase(Locale.ROOT).equals(wanted)).map(Map.Entry::getKey).findFirst();
        }
    }

    /** The start of a UTC day ({@code plusDays} 1 for the end of an inclusive "to" day). */
    private static Instant day(String field, String raw, int plusDays) {
        try {
            return LocalDate.parse(raw).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw Rejection.invalid(field, "must be a date such as 2026-01-31");
        }
    }

    private static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        new java.util.TreeMap<>(params).forEach((k, v) -> {
            if (!v.isEmpty()) {
                q.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
        });
        return q.toString();
    }

    private static String trim(String s) { return s == null ? "" : s.strip(); }


    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        String message = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).field() + " " + e.errors().get(0).message();
        return pages.refused(request, e, null, message, "/");
    }
}
