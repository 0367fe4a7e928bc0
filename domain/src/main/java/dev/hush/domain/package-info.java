/** Hush's domain: tenants, access rules and secrets, as plain Java with no framework and no I/O. */
package dev.hush.domain;
