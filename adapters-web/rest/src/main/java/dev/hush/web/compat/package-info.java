/**
 * The compatibility APIs: Crate's Secrets API ({@code /organization/{id}/secrets}) and Poliglot's Secret
 * API ({@code /api/v1/secrets/{workspace}}), served exactly as documented over Hush's use cases.
 */
package dev.hush.web.compat;
