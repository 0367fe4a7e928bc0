package dev.hush.web.problem;

import dev.hush.domain.Rejection;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Builds problem+json responses. Bodies are serialized here so the media type is exactly {@code application/problem+json}. */
@Singleton
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private final JsonMapper json;

    Problems(JsonMapper json) { this.json = json; }

    public MutableHttpResponse<String> of(HttpStatus status, String code, String detail) {
        return of(new Problem("about:blank", status.getReason(), status.getCode(), detail, code, List.of()));
    }

    public MutableHttpResponse<String> of(Rejection r) {
        HttpStatus status = status(r);
        List<Problem.FieldError> errors = r.errors().stream().map(e -> new Problem.FieldError(e.field(), e.message())).toList();
        MutableHttpResponse<String> response = of(new Problem("about:blank", status.getReason(), status.getCode(), r.getMessage(), r.code(), errors));
        if (r.retryAfterSeconds() > 0) {
            response.header("Retry-After", Long.toString(r.retryAfterSeconds()));
            if (r.kind() == Rejection.Kind.RATE_LIMITED) {
                response.header("RateLimit-Remaining", "0").header("RateLimit-Reset", Long.toString(r.retryAfterSeconds()));
            }
        }
        return response;
    }

    public String json(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MutableHttpResponse<String> of(Problem problem) {
        {
            MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(problem.status()))
                    .body(json(problem))
                    .contentType(MEDIA_TYPE);
            if (problem.status() == 401) {
                response.header("WWW-Authenticate", "Bearer realm=\"hush\"");
            }
            return response;
        }
    }

    /** The status a refusal answers with (the API's problems and the dashboard's pages alike). */
    public static HttpStatus status(Rejection r) {
        return switch (r.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case PAYMENT_REQUIRED -> HttpStatus.PAYMENT_REQUIRED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }
}
