package dev.hush.web.problem;

import dev.hush.application.port.KeyIntegrityException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A stored ciphertext or wrapped key that does not open: corruption or a wrong root key. Never more detail than that. */
@Produces
@Singleton
final class IntegrityHandler implements ExceptionHandler<KeyIntegrityException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrityHandler.class);
    private final Problems problems;

    IntegrityHandler(Problems problems) { this.problems = problems; }

    @Override
    public HttpResponse<?> handle(HttpRequest request, KeyIntegrityException exception) {
        LOG.error("Integrity check failed on {} {}: a stored key or value does not open with the configured root key",
                request.getMethodName(), request.getPath());
        return problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "integrity_failure",
                "Stored data failed its integrity check. The operator has been told in the server log.");
    }
}
