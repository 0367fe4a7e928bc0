/** {@code /v1/webhooks}: webhooks of an organization, their delivery log, tests and redeliveries. */
package dev.hush.web.webhook;
