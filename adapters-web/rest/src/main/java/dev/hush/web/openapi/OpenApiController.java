package dev.hush.web.openapi;

import dev.hush.web.support.PublicUrl;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /v1/openapi.json}: the document micronaut-openapi generated from this module's routes, finished by
 * {@link OpenApiPolish} for this server's public URL once, when first asked for.
 */
@Controller("/v1")
final class OpenApiController {
    static final String RESOURCE = "META-INF/swagger/hush-1.json";
    private final JsonMapper json;
    private final PublicUrl publicUrl;
    private volatile byte[] document;

    OpenApiController(JsonMapper json, PublicUrl publicUrl) {
        this.json = json;
        this.publicUrl = publicUrl;
    }

    /** The finished document. */
    byte[] document() {
        byte[] d = document;
        if (d == null) {
            try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing: the build did not run micronaut-openapi");
                }
                Map<String, Object> generated = json.readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
                d = json.writeValueAsBytes(OpenApiPolish.polish(generated, publicUrl.get()));
                document = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return d;
    }

    @Get("/openapi.json")
    @Hidden
    HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(document()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
