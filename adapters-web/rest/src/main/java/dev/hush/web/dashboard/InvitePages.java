package dev.hush.web.dashboard;

import dev.hush.application.auth.RegisterUser;
import dev.hush.application.member.Membership;
import dev.hush.domain.Rejection;
import dev.hush.web.auth.RequestAuth;
import dev.hush.web.support.WebSettings;
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
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.Map;

/**
 * The page an invitation's mailed link opens ({@code /invites/{token}}): what the invitation is for; without a
 * session, a way to log in (and come back) or to create the account with the invited address right there; with
 * one, the button that accepts and lands on the organization's projects. The token is the credential, as in the
 * API: unknown, used, expired and withdrawn invitations all answer 404.
 */
@Controller("/invites/{token}")
@Hidden
@ExecuteOn("blocking")
final class InvitePages {
    private final Pages pages;
    private final Membership membership;
    private final RegisterUser registerUser;
    private final RequestAuth auth;
    private final boolean secureCookie;

    InvitePages(Pages pages, Membership membership, RegisterUser registerUser, RequestAuth auth, WebSettings.Cookie cookie) {
        this.pages = pages;
        this.membership = membership;
        this.registerUser = registerUser;
        this.auth = auth;
        this.secureCookie = cookie.secure();
    }

    @Get
    MutableHttpResponse<?> invite(HttpRequest<?> request, @PathVariable String token) {
        var invite = membership.pending(token);
        var caller = pages.caller(request);
        Page page = caller.map(c -> pages.page(request, c, "Invitation", null)).orElse(Page.anonymous("Invitation", null));
        return Pages.render(HttpStatus.OK, "invite", "page", page, "token", token, "invite", invite,
                "expires", MemberList.day(invite.expiresAt()), "name", "");
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> accept(HttpRequest<?> request, @PathVariable String token, @Nullable @Body Map<String, String> form) {
        var caller = pages.require(request);
        pages.requireSameSite(request, form == null ? null : form.get("_token"));
        var joined = membership.accept(caller, token);
        return Pages.seeOther("/orgs/" + joined.org().slug().value() + "/projects");
    }

    /** Creates the invited account (the same use case and throttle as {@code /signup}) and comes back here to accept. */
    @Post(value = "/signup", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn("register")
    MutableHttpResponse<?> signup(HttpRequest<?> request, @PathVariable String token, @Body Map<String, String> form) {
        var invite = membership.pending(token);
        String name = form.getOrDefault("name", "");
        try {
            var r = registerUser.register(form.getOrDefault("email", ""), form.getOrDefault("password", ""), name.isBlank() ? null : name,
                    auth.client(request));
            return Pages.seeOther("/invites/" + token).cookie(Cookie.of(RequestAuth.COOKIE, r.sessionCookie()).path("/").httpOnly(true)
                    .sameSite(SameSite.Lax).secure(secureCookie || auth.https(request)).maxAge(Duration.ofDays(7)));
        } catch (Rejection e) {
            String message = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
            return Pages.render(Pages.status(e), "invite", "page", Page.anonymous("Invitation", message), "token", token, "invite", invite,
                    "expires", MemberList.day(invite.expiresAt()), "name", name);
        }
    }


    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        var caller = pages.caller(request);
        String title = e.kind() == Rejection.Kind.NOT_FOUND ? "Invitation not found" : "Refused";
        Page page = caller.map(c -> pages.page(request, c, title, null)).orElse(Page.anonymous(title, null));
        String message = e.kind() == Rejection.Kind.NOT_FOUND
                ? "This invitation is unknown, already used, expired or withdrawn. Ask for a new one." : e.getMessage();
        return Pages.render(Pages.status(e), "message", "page", page.withError(message), "back", "/");
    }
}
