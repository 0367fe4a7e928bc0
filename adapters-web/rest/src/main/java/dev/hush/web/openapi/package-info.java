/** Serves the OpenAPI 3.1 document generated from the controllers at compile time. */
package dev.hush.web.openapi;
