package dev.hush.web.dashboard;

import dev.hush.application.auth.AccountRecovery;
import dev.hush.domain.Rejection;
import dev.hush.web.auth.RequestAuth;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;

/**
 * The pages the account mails link to, and the one that sends the reset mail: forgot password (the same generic
 * answer whatever the address, throttled like the API), reset password with the mailed token, verify the e-mail
 * address. {@link AccountRecovery} does the work, as for the API.
 */
@Controller
@Hidden
@ExecuteOn("blocking")
final class RecoveryPages {
    /** What the forgot-password page says whether or not an account has the address. */
    static final String SENT = "If an account has this address, a link to set a new password is on its way. It works once, within an hour.";

    private final Pages pages;
    private final AccountRecovery recovery;
    private final RequestAuth auth;

    RecoveryPages(Pages pages, AccountRecovery recovery, RequestAuth auth) {
        this.pages = pages;
        this.recovery = recovery;
        this.auth = auth;
    }

    @Get("/forgot-password")
    MutableHttpResponse<?> forgotPage() {
        return Pages.render(HttpStatus.OK, "forgot", "page", Page.anonymous("Forgot password", null), "email", "", "sent", null);
    }

    @Post(value = "/forgot-password", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn("login")
    MutableHttpResponse<?> forgot(HttpRequest<?> request, @Body Map<String, String> form) {
        String email = form.getOrDefault("email", "");
        try {
            recovery.forgot(email, auth.client(request));
            return Pages.render(HttpStatus.OK, "forgot", "page", Page.anonymous("Forgot password", null), "email", "", "sent", SENT);
        } catch (Rejection e) {
            return Pages.render(Pages.status(e), "forgot", "page", Page.anonymous("Forgot password", e.getMessage()), "email", email,
                    "sent", null);
        }
    }

    @Get("/reset-password")
    MutableHttpResponse<?> resetPage(@Nullable @QueryValue String token) {
        return Pages.render(HttpStatus.OK, "reset", "page", Page.anonymous("Set a new password", null), "token", token == null ? "" : token);
    }

    @Post(value = "/reset-password", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn("login")
    MutableHttpResponse<?> reset(HttpRequest<?> request, @Body Map<String, String> form) {
        String token = form.getOrDefault("token", "");
        try {
            recovery.reset(token, form.getOrDefault("password", ""), auth.client(request));
        } catch (Rejection e) {
            String message = e.errors().isEmpty() ? e.getMessage() : "The new password " + e.errors().get(0).message() + ".";
            return Pages.render(Pages.status(e), "reset", "page", Page.anonymous("Set a new password", message), "token", token);
        }
        return Pages.render(HttpStatus.OK, "done", "page", Page.anonymous("Password set", null),
                "text", "Your new password is set, and every session of the account has ended. Log in with the new password.",
                "href", "/login", "link", "Log in");
    }

    /** The mailed link verifies on opening it (the token proves the mailbox; it works once). */
    @Get("/verify-email")
    MutableHttpResponse<?> verify(HttpRequest<?> request, @Nullable @QueryValue String token) {
        recovery.verify(token, auth.client(request));
        var caller = pages.caller(request);
        Page page = caller.map(c -> pages.page(request, c, "E-mail address verified", null))
                .orElse(Page.anonymous("E-mail address verified", null));
        return Pages.render(HttpStatus.OK, "done", "page", page, "text", "Your e-mail address is verified. Thank you.",
                "href", "/", "link", "Continue to Hush");
    }

    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        return pages.refused(request, e, null, e.getMessage(), "/");
    }
}
