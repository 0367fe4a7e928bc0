package dev.hush.web.dashboard;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A dashboard page that needs a session and has none ({@link Pages#require}): to the login page, and back after it. */
@Singleton
@Produces
final class SignInHandler implements ExceptionHandler<Pages.SignIn, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, Pages.SignIn e) {
        return Pages.toLogin(e.back);
    }
}
