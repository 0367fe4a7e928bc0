/** Authentication over HTTP: session cookies, bearer tokens, the CSRF rule, and the auth routes. */
package dev.hush.web.auth;
