/**
 * The web dashboard: server-rendered pages (jte templates in {@code src/main/jte}, precompiled at build time), htmx
 * and Pico CSS from webjars, one script of our own ({@code /assets/dashboard.js}). A driving adapter beside the REST
 * API: it calls the same use cases, authenticates with the same session cookie ({@code RequestAuth}), and protects
 * every change with the header htmx sends or the session's form token.
 */
package dev.hush.web.dashboard;
