package dev.hush.web.dashboard;

import dev.hush.application.auth.Authenticate;
import dev.hush.application.auth.CliHandoff;
import dev.hush.application.auth.LogIn;
import dev.hush.application.auth.RegisterUser;
import dev.hush.domain.Rejection;
import dev.hush.web.auth.RequestAuth;
import dev.hush.web.support.WebSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.Map;

/**
 * The dashboard's account pages: sign up, log in, log out, the home page, and the approval of a CLI login
 * ({@code /device}, the address {@code hush login} prints). Same use cases, throttles and generic answers as the API.
 */
@Controller
@Hidden
@ExecuteOn("blocking")
final class AccountPages {
    private final Pages pages;
    private final RegisterUser registerUser;
    private final LogIn logIn;
    private final Authenticate authenticate;
    private final CliHandoff cliHandoff;
    private final RequestAuth auth;
    private final boolean secureCookie;

    AccountPages(Pages pages, RegisterUser registerUser, LogIn logIn, Authenticate authenticate, CliHandoff cliHandoff, RequestAuth auth,
                 WebSettings.Cookie cookie) {
        this.pages = pages;
        this.registerUser = registerUser;
        this.logIn = logIn;
        this.authenticate = authenticate;
        this.cliHandoff = cliHandoff;
        this.auth = auth;
        this.secureCookie = cookie.secure();
    }

    @Get
    MutableHttpResponse<?> home(HttpRequest<?> request) {
        var caller = pages.caller(request);
        if (caller.isEmpty()) {
            return Pages.seeOther("/login");
        }
        var page = pages.page(request, caller.get(), "Home", null);
        return Pages.seeOther(page.orgs().isEmpty() ? "/login" : "/orgs/" + page.orgs().get(0) + "/projects");
    }

    @Get("/login")
    MutableHttpResponse<?> loginPage(@Nullable @QueryValue String next) {
        return Pages.render(HttpStatus.OK, "login", "page", Page.anonymous("Log in", null), "email", "", "next", Pages.safeNext(next));
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn("login")
    MutableHttpResponse<?> login(HttpRequest<?> request, @io.micronaut.http.annotation.Body Map<String, String> form) {
        String email = form.getOrDefault("email", "");
        String next = Pages.safeNext(form.get("next"));
        try {
            var r = logIn.logIn(email, form.getOrDefault("password", ""), auth.client(request));
            return Pages.seeOther(next).cookie(sessionCookie(request, r.sessionCookie()));
        } catch (Rejection e) {
            String message = e.kind() == Rejection.Kind.RATE_LIMITED ? e.getMessage() : "Wrong e-mail or password.";
            return Pages.render(Pages.status(e), "login", "page", Page.anonymous("Log in", message), "email", email, "next", next);
        }
    }

    @Get("/signup")
    MutableHttpResponse<?> signupPage() {
        return Pages.render(HttpStatus.OK, "signup", "page", Page.anonymous("Create account", null), "email", "", "name", "");
    }

    @Post(value = "/signup", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn("register")
    MutableHttpResponse<?> signup(HttpRequest<?> request, @io.micronaut.http.annotation.Body Map<String, String> form) {
        String email = form.getOrDefault("email", "");
        String name = form.getOrDefault("name", "");
        try {
            var r = registerUser.register(email, form.getOrDefault("password", ""), name.isBlank() ? null : name, auth.client(request));
            return Pages.seeOther("/orgs/" + r.org().slug().value() + "/projects").cookie(sessionCookie(request, r.sessionCookie()));
        } catch (Rejection e) {
            String message = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
            return Pages.render(Pages.status(e), "signup", "page", Page.anonymous("Create account", message), "email", email, "name", name);
        }
    }

    @Post(value = "/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> logout(HttpRequest<?> request, @Nullable @io.micronaut.http.annotation.Body Map<String, String> form) {
        pages.requireSameSite(request, form == null ? null : form.get("_token"));
        RequestAuth.sessionCookie(request).ifPresent(authenticate::endSession);
        return Pages.seeOther("/login").cookie(Cookie.of(RequestAuth.COOKIE, "").path("/").maxAge(0).httpOnly(true)
                .sameSite(SameSite.Lax).secure(secure(request)));
    }

    @Get("/device")
    MutableHttpResponse<?> devicePage(HttpRequest<?> request, @Nullable @QueryValue String code) {
        var caller = pages.require(request);
        return Pages.render(HttpStatus.OK, "device", "page", pages.page(request, caller, "Approve a CLI login", null),
                "code", code == null ? "" : code, "outcome", null);
    }

    @Post(value = "/device", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> device(HttpRequest<?> request, @io.micronaut.http.annotation.Body Map<String, String> form) {
        var caller = pages.change(request, form);
        var page = pages.page(request, caller, "Approve a CLI login", null);
        if (!"approve".equals(form.get("decision"))) {
            return Pages.render(HttpStatus.OK, "device", "page", page, "code", "", "outcome",
                    "Not approved. The CLI login will not complete; you can close this page.");
        }
        String name = form.getOrDefault("name", "");
        cliHandoff.approve(caller, form.getOrDefault("code", ""), name.isBlank() ? "hush CLI" : name);
        return Pages.render(HttpStatus.OK, "device", "page", page, "code", "", "outcome",
                "Approved. Your terminal is now logged in; you can close this page.");
    }


    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        return pages.refused(request, e, null, e.getMessage(), "/");
    }

    private Cookie sessionCookie(HttpRequest<?> request, String value) {
        return Cookie.of(RequestAuth.COOKIE, value).path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(secure(request)).maxAge(Duration.ofDays(7));
    }

    private boolean secure(HttpRequest<?> request) { return secureCookie || auth.https(request); }
}
