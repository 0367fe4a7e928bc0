/** Request metrics the server records itself: hourly per route group in the database, the admin summary, Prometheus text. */
package dev.hush.application.metrics;
