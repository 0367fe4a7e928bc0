/** Webhooks: management, the transactional outbox of deliveries, signing, and the SSRF guard on every target. */
package dev.hush.application.webhook;
