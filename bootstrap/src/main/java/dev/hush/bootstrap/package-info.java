/**
 * The application: the {@code hush} launcher ({@code HushMain}: {@code server}, {@code kms}, {@code db}), the start
 * and stop order ({@code HushServer}), the database choice ({@code Database}). The wiring of use cases and adapters is
 * in {@code wiring}, scheduled work in {@code jobs}, mail and webhook senders in {@code outbound}.
 */
package dev.hush.bootstrap;
