package dev.hush.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The API's OpenAPI definition; micronaut-openapi writes the document from the controllers at compile time. */
@OpenAPIDefinition(info = @Info(title = "Hush", version = "1",
        description = "Secrets management: per organization, project and environment, encrypted at rest under an operator-controlled root key."))
final class HushApi {
    private HushApi() {}
}
