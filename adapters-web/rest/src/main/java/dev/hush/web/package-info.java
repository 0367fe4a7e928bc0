/** The HTTP adapter: the {@code /v1} API, problem+json errors, health and the OpenAPI document. */
package dev.hush.web;
