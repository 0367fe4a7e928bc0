package dev.hush.web.problem;

import dev.hush.web.support.NoStoreFilter;
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
    private final io.micronaut.json.JsonMapper json;

    ProblemErrorResponseProcessor(Problems problems, io.micronaut.json.JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    @Override
    public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        // Netty reports a request line or header block over its limits as "too large": say which, as RFC 9110 does.
        if (response.status() == HttpStatus.REQUEST_ENTITY_TOO_LARGE
                && context.getRequest() instanceof io.micronaut.http.server.netty.NettyHttpRequest<?> netty) {
            Throwable cause = netty.getNativeRequest().decoderResult().cause();
            if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
                response.status(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
            } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
                response.status(HttpStatus.REQUEST_URI_TOO_LONG);
            }
        }
        // These answers can be made before any filter runs: the standard headers are set here too.
        NoStoreFilter.apply(response);
        HttpStatus status = response.status();
        String code;
        String detail;
        switch (status) {
            case NOT_FOUND -> { code = "not_found"; detail = "No such resource."; }
            case METHOD_NOT_ALLOWED -> { code = "method_not_allowed"; detail = "This resource does not support " + context.getRequest().getMethodName() + "."; }
            case UNSUPPORTED_MEDIA_TYPE -> { code = "unsupported_media_type"; detail = "Send the request body as application/json."; }
            case NOT_ACCEPTABLE -> { code = "not_acceptable"; detail = "This resource answers application/json."; }
            case REQUEST_ENTITY_TOO_LARGE -> { code = "payload_too_large"; detail = "The request body is too large."; }
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> { code = "headers_too_large"; detail = "The request's headers are too large."; }
            case REQUEST_URI_TOO_LONG -> { code = "uri_too_long"; detail = "The request's URI is too long."; }
            case BAD_REQUEST -> {
                Unreadable why = Unreadable.of(context.getRootCause().orElse(null), context.getRequest(), json);
                if (why != null) {
                    @SuppressWarnings("unchecked")
                    MutableHttpResponse<String> out = (MutableHttpResponse<String>) response;
                    return out.body(problems.json(new Problem("about:blank", status.getReason(), status.getCode(), why.detail(), why.code(),
                            why.field() == null ? List.of() : List.of(new Problem.FieldError(why.field(), why.message()))))).contentType(Problems.MEDIA_TYPE);
                }
                code = "malformed_request";
                detail = "The request could not be read: check the JSON body, parameter types and required fields.";
            }
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

    /**
     * Why a JSON body could not be read, from the exception chain, told without echoing the body: a field the API
     * does not know ({@code unknown_field}), a value of the wrong type ({@code invalid_field_type}), or JSON that does
     * not parse ({@code malformed_json}, with the line and column). Names of fields are the client's own; values and
     * Java class names never appear.
     */
    record Unreadable(String code, String detail, String field, String message) {
        private static final java.util.regex.Pattern UNKNOWN = java.util.regex.Pattern.compile("Unknown property \\[([^\\]]{1,100})\\]");

        private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("Unexpected token ([A-Z_]+), expected ([A-Z_]+)");

        /** A Jackson token's kind of value, in words. */
        private static String kind(String token) {
            return switch (token) {
                case "START_ARRAY", "END_ARRAY" -> "a list";
                case "START_OBJECT", "END_OBJECT", "FIELD_NAME" -> "an object";
                case "VALUE_STRING" -> "a string";
                case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT" -> "a number";
                case "VALUE_TRUE", "VALUE_FALSE" -> "true or false";
                case "VALUE_NULL" -> "null";
                default -> "another kind of value";
            };
        }

        static Unreadable of(Throwable error, io.micronaut.http.HttpRequest<?> request, io.micronaut.json.JsonMapper mapper) {
            for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof com.fasterxml.jackson.core.JsonParseException parse && parse.getLocation() != null) {
                    var at = parse.getLocation();
                    return new Unreadable("malformed_json", "The body is not valid JSON: the problem is at line " + at.getLineNr() + ", column "
                            + at.getColumnNr() + ".", null, null);
                }
                String message = t.getMessage() == null ? "" : t.getMessage();
                var unknown = UNKNOWN.matcher(message);
                if (unknown.find()) {
                    String field = unknown.group(1);
                    return new Unreadable("unknown_field", "The body has a field this request does not take: " + field + ".", field,
                            "is not a field of this request");
                }
                var token = TOKEN.matcher(message);
                if (token.find()) {
                    String field = WrongTypeField.in(request, mapper).orElse(null);
                    if (field != null) {
                        return new Unreadable("invalid_field_type", "The body's field " + field + " has a value of the wrong type.", field,
                                "has the wrong type");
                    }
                    // The body could not be read again (it streamed in): the kinds of value still say what is wrong.
                    return new Unreadable("invalid_field_type", "A field of the body has a value of the wrong type: "
                            + kind(token.group(1)) + " where " + kind(token.group(2)) + " is expected.", null, null);
                }
            }
            return null;
        }
    }
}
