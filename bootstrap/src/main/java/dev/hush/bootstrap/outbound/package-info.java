/**
 * What the server sends out: mail ({@code OutboxMailer} to {@code <data-dir>/outbox}, {@code SmtpMailer}) and
 * webhook requests ({@code HttpWebhookSender}), implementing the application's {@code Mailer} and
 * {@code WebhookSender} ports. They live in the application module because the architecture keeps a fixed set of
 * top-level adapter modules; each is a small class on the JDK (and Angus Mail) that a separate module could take
 * as is.
 */
package dev.hush.bootstrap.outbound;
