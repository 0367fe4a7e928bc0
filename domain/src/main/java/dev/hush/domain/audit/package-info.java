/** Audit events and the hash chain that makes the log tamper-evident. */
package dev.hush.domain.audit;
