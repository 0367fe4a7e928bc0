package dev.hush.web.dashboard;

import dev.hush.application.auth.AccountRecovery;
import dev.hush.application.auth.ChangePassword;
import dev.hush.domain.Rejection;
import dev.hush.web.auth.RequestAuth;
import dev.hush.web.support.WebSettings;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.Map;

/** The signed-in user's account: send the e-mail verification link, change the password (other sessions end). */
@Controller("/account")
@Hidden
@ExecuteOn("blocking")
final class AccountSettingsPages {
    private final Pages pages;
    private final ChangePassword changePassword;
    private final AccountRecovery recovery;
    private final RequestAuth auth;
    private final boolean secureCookie;

    AccountSettingsPages(Pages pages, ChangePassword changePassword, AccountRecovery recovery, RequestAuth auth, WebSettings.Cookie cookie) {
        this.pages = pages;
        this.changePassword = changePassword;
        this.recovery = recovery;
        this.auth = auth;
        this.secureCookie = cookie.secure();
    }

    @Get
    MutableHttpResponse<?> account(HttpRequest<?> request, @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.QueryValue String changed) {
        var caller = pages.require(request);
        return Pages.render(HttpStatus.OK, "account", "page", pages.page(request, caller, "Your account", null), "notice",
                changed == null ? null : "Your password is changed; your other sessions have ended.");
    }

    @Post(value = "/send-verification", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> sendVerification(HttpRequest<?> request, @io.micronaut.core.annotation.Nullable @Body Map<String, String> form) {
        var caller = pages.require(request);
        pages.requireSameSite(request, form == null ? null : form.get("_token"));
        recovery.sendVerification(caller);
        return Pages.render(HttpStatus.OK, "account", "page", pages.page(request, caller, "Your account", null), "notice",
                "A verification link is on its way to " + caller.user().email() + ".");
    }

    @Post(value = "/password", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> password(HttpRequest<?> request, @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        String cookie = changePassword.change(caller, form.getOrDefault("currentPassword", ""), form.getOrDefault("newPassword", ""));
        return Pages.seeOther("/account?changed=1").cookie(Cookie.of(RequestAuth.COOKIE, cookie).path("/").httpOnly(true)
                .sameSite(SameSite.Lax).secure(secureCookie || auth.https(request)).maxAge(Duration.ofDays(7)));
    }


    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        var caller = pages.caller(request);
        Page page = caller.map(c -> pages.page(request, c, "Your account", null)).orElse(Page.anonymous("Refused", null));
        String message = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
        return Pages.render(Pages.status(e), "account", "page", page.withError(message), "notice", null);
    }
}
