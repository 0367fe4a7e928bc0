/** Secret routes: {@code /v1/secrets/{org}/{project}/{env}...}, organizations named by slug. */
package dev.hush.web.secret;
