/**
 * Background work of every node, each on its schedule from {@code application.yml}: buffered statistics
 * flushes ({@code FlushJobs}), webhook deliveries ({@code WebhookJob}) and project key re-encryption
 * ({@code KeyRotationJob}). The persistence adapter's {@code ExpiredRowsJanitor} deletes expired rows.
 */
package dev.hush.bootstrap.jobs;
