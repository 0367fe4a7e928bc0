package dev.hush.web.dashboard;

import dev.hush.application.auth.Caller;
import dev.hush.application.webhook.ManageWebhooks;
import dev.hush.domain.Rejection;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organization's webhooks: list, create (the signing secret shown once, on the answer to the form, which like
 * every answer is {@code no-store}), a webhook's page with its delivery log, edit, send a test, redeliver,
 * rotate the secret (shown once) and delete. The {@link ManageWebhooks} use case's rules, as the API has them:
 * owners and admins only (webhook URLs may carry a receiver's credentials), every target checked by its URL guard.
 */
@Controller("/orgs/{org}/webhooks")
@Hidden
@ExecuteOn("blocking")
final class WebhookPages {
    /** What a change that went through says on the page it lands on (a fixed text: the query only picks one). */
    private static final Map<String, String> DONE = Map.of(
            "saved", "Webhook saved.",
            "tested", "Test event sent: its result is the first delivery below.",
            "redelivered", "Delivery queued again: it is sent within moments.",
            "deleted", "Webhook deleted.");

    private final Pages pages;
    private final ManageWebhooks webhooks;

    WebhookPages(Pages pages, ManageWebhooks webhooks) {
        this.pages = pages;
        this.webhooks = webhooks;
    }

    @Get
    MutableHttpResponse<?> list(HttpRequest<?> request, @PathVariable String org, @Nullable @QueryValue String done) {
        var caller = pages.require(request);
        return list(request, caller, org, HttpStatus.OK, null, Map.of(), done == null ? null : DONE.get(done));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(HttpRequest<?> request, @PathVariable String org, @Nullable @Body Map<String, String> body) {
        var caller = pages.require(request);
        Map<String, String> form = body == null ? Map.of() : body;
        pages.requireSameSite(request, form.get("_token"));
        ManageWebhooks.Created created;
        try {
            created = webhooks.create(caller, org, form.getOrDefault("url", ""), events(form), description(form));
        } catch (Rejection e) {
            if (e.kind() != Rejection.Kind.INVALID) {
                throw e;
            }
            return list(request, caller, org, Pages.status(e), message(e), form, null);
        }
        return secret(request, caller, org, HttpStatus.CREATED, created, "Webhook created");
    }

    @Get("/{id}")
    MutableHttpResponse<?> details(HttpRequest<?> request, @PathVariable String org, @PathVariable String id, @Nullable @QueryValue String done) {
        var caller = pages.require(request);
        return details(request, caller, org, id, HttpStatus.OK, null, done == null ? null : DONE.get(done));
    }

    @Post(value = "/{id}/edit", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> edit(HttpRequest<?> request, @PathVariable String org, @PathVariable String id, @Nullable @Body Map<String, String> body) {
        var caller = pages.require(request);
        Map<String, String> form = body == null ? Map.of() : body;
        pages.requireSameSite(request, form.get("_token"));
        try {
            webhooks.update(caller, org, id, Optional.of(form.getOrDefault("url", "")), Optional.of(events(form)),
                    Optional.of(form.getOrDefault("description", "").strip()), Optional.of("true".equals(form.get("active"))));
        } catch (Rejection e) {
            if (e.kind() != Rejection.Kind.INVALID) {
                throw e;
            }
            return details(request, caller, org, id, Pages.status(e), message(e), null);
        }
        return Pages.seeOther(back(org) + "/" + id + "?done=saved");
    }

    @Post(value = "/{id}/test", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> test(HttpRequest<?> request, @PathVariable String org, @PathVariable String id, @Nullable @Body Map<String, String> form) {
        var caller = pages.require(request);
        pages.requireSameSite(request, form == null ? null : form.get("_token"));
        webhooks.test(caller, org, id);
        return Pages.seeOther(back(org) + "/" + id + "?done=tested");
    }

    @Post(value = "/{id}/deliveries/{delivery}/redeliver", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> redeliver(HttpRequest<?> request, @PathVariable String org, @PathVariable String id, @PathVariable String delivery,
                                     @Nullable @Body Map<String, String> form) {
        var caller = pages.require(request);
        pages.requireSameSite(request, form == null ? null : form.get("_token"));
        webhooks.redeliver(caller, org, id, delivery);
        return Pages.seeOther(back(org) + "/" + id + "?done=redelivered");
    }

    @Post(value = "/{id}/rotate-secret", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> rotate(HttpRequest<?> request, @PathVariable String org, @PathVariable String id, @Nullable @Body Map<String, String> form) {
        var caller = pages.require(request);
        pages.requireSameSite(request, form == null ? null : form.get("_token"));
        return secret(request, caller, org, HttpStatus.OK, webhooks.rotateSecret(caller, org, id), "New signing secret");
    }

    @Post(value = "/{id}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> delete(HttpRequest<?> request, @PathVariable String org, @PathVariable String id, @Nullable @Body Map<String, String> form) {
        var caller = pages.require(request);
        pages.requireSameSite(request, form == null ? null : form.get("_token"));
        webhooks.delete(caller, org, id);
        return Pages.seeOther(back(org) + "?done=deleted");
    }

    private MutableHttpResponse<?> list(HttpRequest<?> request, Caller caller, String org, HttpStatus status, String error,
                                        Map<String, String> form, String done) {
        var rows = webhooks.list(caller, org).stream().map(WebhookView::of).toList();
        Page page = pages.page(request, caller, "Webhooks", org);
        // An invalid form comes back filled in as it was sent.
        var draft = new WebhookView("", form.getOrDefault("url", ""), form.isEmpty() ? List.of() : events(form),
                form.getOrDefault("description", ""), true, "");
        return Pages.render(status, "webhooks", "page", error == null ? page : page.withError(error), "org", org, "webhooks", rows,
                "draft", draft, "events", WebhookView.EVENTS, "done", done);
    }

    private MutableHttpResponse<?> details(HttpRequest<?> request, Caller caller, String org, String id, HttpStatus status, String error,
                                           String done) {
        var d = webhooks.get(caller, org, id);
        Page page = pages.page(request, caller, "Webhook " + d.webhook().url(), org);
        return Pages.render(status, "webhook", "page", error == null ? page : page.withError(error), "org", org,
                "webhook", WebhookView.of(d.webhook()), "deliveries", WebhookView.log(d.deliveries(), d.attempts()),
                "events", WebhookView.EVENTS, "done", done);
    }

    private MutableHttpResponse<?> secret(HttpRequest<?> request, Caller caller, String org, HttpStatus status, ManageWebhooks.Created created,
                                          String title) {
        return Pages.render(status, "webhook-secret", "page", pages.page(request, caller, title, org), "org", org,
                "webhook", WebhookView.of(created.webhook()), "secret", created.secret());
    }

    /** The checked events (every secret event when none is checked, as the API does with none given). */
    private static List<String> events(Map<String, String> form) {
        return WebhookView.EVENTS.stream().filter(e -> form.containsKey(WebhookView.field(e))).toList();
    }

    private static String description(Map<String, String> form) {
        String d = form.getOrDefault("description", "").strip();
        return d.isEmpty() ? null : d;
    }

    private static String back(String org) { return "/orgs/" + org + "/webhooks"; }

    private static String message(Rejection e) { return Pages.message(e, Map.of("url", "URL", "events", "Events", "description", "Description")); }

    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        String[] path = request.getPath().split("/");
        // An organization the caller is no member of is not named back to them.
        String org = path.length > 2 && e.kind() != Rejection.Kind.NOT_FOUND ? path[2] : null;
        String back = org == null ? "/" : e.kind() == Rejection.Kind.FORBIDDEN ? "/orgs/" + org + "/projects" : back(org);
        return pages.refused(request, e, org, message(e), back);
    }
}
