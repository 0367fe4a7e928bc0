package dev.hush.web.problem;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An RFC 9457 problem document with Hush's stable {@code code} and, for validation, the failing fields. */
@Serdeable
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {
    @Serdeable
    public record FieldError(String field, String message) {}
}
