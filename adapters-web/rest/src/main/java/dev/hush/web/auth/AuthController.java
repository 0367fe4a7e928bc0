package dev.hush.web.auth;

import dev.hush.application.auth.AccountRecovery;
import dev.hush.application.auth.Authenticate;
import dev.hush.application.auth.Caller;
import dev.hush.application.auth.ChangePassword;
import dev.hush.application.auth.CliHandoff;
import dev.hush.application.auth.CreateToken;
import dev.hush.application.auth.LogIn;
import dev.hush.application.auth.ManageTokens;
import dev.hush.application.auth.RegisterUser;
import dev.hush.application.auth.WhoAmI;
import dev.hush.domain.access.Permission;
import dev.hush.domain.access.User;
import dev.hush.domain.tenant.Organization;
import dev.hush.web.support.PublicUrl;
import dev.hush.web.support.WebSettings;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;

/** Registration, login and logout (session cookie), the caller's identity, and API tokens. */
@Controller("/v1/auth")
@Tag(name = "auth")
final class AuthController {
    private final RegisterUser registerUser;
    private final LogIn logIn;
    private final Authenticate authenticate;
    private final WhoAmI whoAmI;
    private final CreateToken createToken;
    private final ManageTokens manageTokens;
    private final ChangePassword changePassword;
    private final AccountRecovery recovery;
    private final CliHandoff cliHandoff;
    private final PublicUrl publicUrl;
    private final RequestAuth auth;
    private final boolean secureCookie;

    AuthController(RegisterUser registerUser, LogIn logIn, Authenticate authenticate, WhoAmI whoAmI, CreateToken createToken,
                   ManageTokens manageTokens, ChangePassword changePassword,
                   AccountRecovery recovery, CliHandoff cliHandoff,
                   PublicUrl publicUrl, RequestAuth auth,
                   WebSettings.Cookie cookie) {
        this.changePassword = changePassword;
        this.recovery = recovery;
        this.cliHandoff = cliHandoff;
        this.publicUrl = publicUrl;
        this.manageTokens = manageTokens;
        this.registerUser = registerUser;
        this.logIn = logIn;
        this.authenticate = authenticate;
        this.whoAmI = whoAmI;
        this.createToken = createToken;
        this.auth = auth;
        this.secureCookie = cookie.secure();
    }

    @Post("/register")
    @ExecuteOn("register")
    @Operation(summary = "Create an account and its personal organization; logs in (throttled per client address)")
    MutableHttpResponse<AuthDtos.Registered> register(HttpRequest<?> request, @Body AuthDtos.RegisterRequest body) {
        var r = registerUser.register(body.email(), body.password(), body.name(), auth.client(request));
        return HttpResponse.<AuthDtos.Registered>status(HttpStatus.CREATED)
                .body(new AuthDtos.Registered(user(r.user()), org(r.org())))
                .cookie(sessionCookie(request, r.sessionCookie()));
    }

    @Post("/login")
    @ExecuteOn("login")
    @Operation(summary = "Log in with e-mail and password; sets the session cookie")
    MutableHttpResponse<AuthDtos.LoggedIn> login(HttpRequest<?> request, @Body AuthDtos.LoginRequest body) {
        var r = logIn.logIn(body.email(), body.password(), auth.client(request));
        return HttpResponse.ok(new AuthDtos.LoggedIn(user(r.user()))).cookie(sessionCookie(request, r.sessionCookie()));
    }

    @Post("/logout")
    @ExecuteOn("blocking")
    @Operation(summary = "End the current session (revoked server-side)")
    MutableHttpResponse<?> logout(Caller caller, HttpRequest<?> request) {
        RequestAuth.sessionCookie(request).ifPresent(authenticate::endSession);
        return HttpResponse.noContent().cookie(Cookie.of(RequestAuth.COOKIE, "").path("/").maxAge(0).httpOnly(true)
                .sameSite(SameSite.Lax).secure(secure(request)));
    }

    @Get("/me")
    @ExecuteOn("blocking")
    @Operation(summary = "The caller and their organizations with their role in each")
    AuthDtos.Me me(Caller caller) {
        var orgs = whoAmI.memberships(caller).stream()
                .map(m -> new AuthDtos.OrgWithRole(m.org().id(), m.org().slug().value(), m.org().name(), m.role().wire()))
                .toList();
        return new AuthDtos.Me(user(caller.user()), orgs, caller.viaToken() ? "token" : "session", caller.tokenId().orElse(null));
    }

    @Post("/token")
    @ExecuteOn("blocking")
    @Operation(summary = "Create an API token (shown once, stored only as a hash)")
    MutableHttpResponse<AuthDtos.TokenCreated> token(Caller caller, @Body AuthDtos.TokenRequest body) {
        var created = createToken.create(caller, new CreateToken.Request(body.name(), body.orgId(), body.projects(),
                body.environments(), body.permissions(), body.expiresInDays()));
        return HttpResponse.status(HttpStatus.CREATED)
                .body(new AuthDtos.TokenCreated(created.id(), created.name(), created.token(), created.expiresAt().orElse(null)));
    }

    @Post("/change-password")
    @ExecuteOn("login")
    @Operation(summary = "Change the password: every session of the account ends, this client gets a new one")
    MutableHttpResponse<?> changePassword(Caller caller, HttpRequest<?> request, @Body AuthDtos.ChangePasswordRequest body) {
        String cookie = changePassword.change(caller, body.currentPassword(), body.newPassword());
        return HttpResponse.noContent().cookie(sessionCookie(request, cookie));
    }

    @Post("/cli-auth")
    @ExecuteOn("blocking")
    @Operation(summary = "CLI handoff, step 1 (no auth): a device code for the CLI and a user code to approve; expires in 10 minutes")
    MutableHttpResponse<AuthDtos.CliStarted> cliAuth() {
        var s = cliHandoff.start();
        return HttpResponse.status(HttpStatus.CREATED).body(new AuthDtos.CliStarted(s.deviceCode(), s.userCode(),
                publicUrl.get() + "/device?code=" + s.userCode(), s.expiresAt(), s.intervalSeconds()));
    }

    @Post("/cli-auth/approve")
    @ExecuteOn("blocking")
    @Operation(summary = "CLI handoff, step 2: the logged-in user approves the user code")
    HttpResponse<?> cliApprove(Caller caller, @Body AuthDtos.CliApprove body) {
        cliHandoff.approve(caller, body.userCode(), body.name());
        return HttpResponse.noContent();
    }

    @Post("/cli-auth/token")
    @ExecuteOn("blocking")
    @Operation(summary = "CLI handoff, step 3 (no auth): poll with the device code; the token once approved (400 authorization_pending before)")
    MutableHttpResponse<AuthDtos.TokenCreated> cliToken(@Body AuthDtos.CliPoll body) {
        var created = cliHandoff.poll(body.deviceCode());
        return HttpResponse.status(HttpStatus.CREATED)
                .body(new AuthDtos.TokenCreated(created.id(), created.name(), created.token(), created.expiresAt().orElse(null)));
    }

    @Post("/forgot-password")
    @ExecuteOn("login")
    @Operation(summary = "Mail a password reset token; 202 whether or not the account exists (throttled)")
    HttpResponse<?> forgotPassword(HttpRequest<?> request, @Body AuthDtos.EmailRequest body) {
        recovery.forgot(body.email(), auth.client(request));
        return HttpResponse.accepted();
    }

    @Post("/reset-password")
    @ExecuteOn("login")
    @Operation(summary = "Set a new password with a reset token (single use, 1 hour); every session of the account ends")
    HttpResponse<?> resetPassword(HttpRequest<?> request, @Body AuthDtos.ResetRequest body) {
        recovery.reset(body.token(), body.newPassword(), auth.client(request));
        return HttpResponse.noContent();
    }

    @Post("/send-verification")
    @ExecuteOn("blocking")
    @Operation(summary = "Mail an e-mail verification token to the caller's address")
    HttpResponse<?> sendVerification(Caller caller) {
        recovery.sendVerification(caller);
        return HttpResponse.accepted();
    }

    @Post("/verify-email")
    @ExecuteOn("blocking")
    @Operation(summary = "Verify the e-mail address with a mailed token (single use)")
    HttpResponse<?> verifyEmail(HttpRequest<?> request, @Body AuthDtos.TokenRequestBody body) {
        recovery.verify(body.token(), auth.client(request));
        return HttpResponse.noContent();
    }

    @Get("/tokens")
    @ExecuteOn("blocking")
    @Operation(summary = "The caller's API tokens that are not revoked (never the tokens themselves)")
    AuthDtos.TokenList tokens(Caller caller) {
        return new AuthDtos.TokenList(manageTokens.list(caller).stream().map(t -> new AuthDtos.TokenInfo(t.id(), t.name(),
                t.scope().orgId().orElse(null), t.scope().projects().stream().sorted().toList(),
                t.scope().environments().stream().sorted().toList(),
                t.scope().permissions().stream().map(Permission::wire).sorted().toList(), t.createdAt(),
                t.lastUsedAt().orElse(null), t.expiresAt().orElse(null))).toList());
    }

    @Delete("/tokens/{tokenId}")
    @ExecuteOn("blocking")
    @Operation(summary = "Revoke an API token; it stops working at once")
    HttpResponse<?> revoke(Caller caller, @PathVariable String tokenId) {
        manageTokens.revoke(caller, tokenId);
        return HttpResponse.noContent();
    }

    private Cookie sessionCookie(HttpRequest<?> request, String value) {
        return Cookie.of(RequestAuth.COOKIE, value).path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(secure(request)).maxAge(Duration.ofDays(7));
    }

    private boolean secure(HttpRequest<?> request) {
        return secureCookie || request.isSecure();
    }

    static AuthDtos.UserView user(User u) {
        return new AuthDtos.UserView(u.id(), u.email(), u.name(), u.platformAdmin());
    }

    static AuthDtos.OrgView org(Organization o) {
        return new AuthDtos.OrgView(o.id(), o.slug().value(), o.name());
    }
}
