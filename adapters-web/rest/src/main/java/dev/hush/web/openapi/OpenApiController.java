package dev.hush.web.openapi;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /v1/openapi.json}: the document micronaut-openapi generated from this module's routes. */
@Controller("/v1")
final class OpenApiController {
    static final String RESOURCE = "META-INF/swagger/hush-1.json";
    private final byte[] document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: the build did not run micronaut-openapi");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/openapi.json")
    @Hidden
    HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(document).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
