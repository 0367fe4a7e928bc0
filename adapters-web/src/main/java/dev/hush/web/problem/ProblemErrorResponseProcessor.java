package dev.hush.web.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Micronaut's own errors (unknown route, wrong method, unreadable JSON, wrong media type, body too large,
 * unexpected exceptions) as problem+json. The framework's message is never echoed: it can quote the
 * request body, and so a secret value.
 */
@Primary
@Singleton
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<String> {
    private final Problems problems;

    ProblemErrorResponseProcessor(Problems problems) { this.problems = problems; }

    @Override
    public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        String code;
        String detail;
        switch (status) {
            case NOT_FOUND -> { code = "not_found"; detail = "No such resource."; }
            case METHOD_NOT_ALLOWED -> { code = "method_not_allowed"; detail = "This resource does not support " + context.getRequest().getMethodName() + "."; }
            case UNSUPPORTED_MEDIA_TYPE -> { code = "unsupported_media_type"; detail = "Send the request body as application/json."; }
            case NOT_ACCEPTABLE -> { code = "not_acceptable"; detail = "This resource answers application/json."; }
            case REQUEST_ENTITY_TOO_LARGE -> { code = "payload_too_large"; detail = "The request body is too large."; }
            case BAD_REQUEST -> { code = "malformed_request"; detail = "The request could not be read: check the JSON body, parameter types and required fields."; }
            case UNAUTHORIZED -> { code = "unauthenticated"; detail = "A valid session or API token is required."; }
            case FORBIDDEN -> { code = "forbidden"; detail = "Forbidden."; }
            case SERVICE_UNAVAILABLE -> { code = "unavailable"; detail = "The service is temporarily unavailable."; }
            default -> {
                code = status.getCode() >= 500 ? "internal_error" : "error";
                detail = status.getCode() >= 500 ? "An internal error occurred." : status.getReason();
            }
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<String> out = (MutableHttpResponse<String>) response;
        return out.body(problems.json(new Problem("about:blank", status.getReason(), status.getCode(), detail, code, List.of())))
                .contentType(Problems.MEDIA_TYPE);
    }
}
