package dev.hush.web.problem;

import dev.hush.domain.Rejection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Expected refusals from the use cases: their kind gives the status, their code is passed through. */
@Produces
@Singleton
@Requires(classes = {Rejection.class, ExceptionHandler.class})
final class RejectionHandler implements ExceptionHandler<Rejection, HttpResponse<?>> {
    private final Problems problems;

    RejectionHandler(Problems problems) { this.problems = problems; }

    @Override
    public HttpResponse<?> handle(HttpRequest request, Rejection exception) {
        return problems.of(exception);
    }
}
