/** Writing the audit log (inside the use case's transaction) and reading and verifying it. */
package dev.hush.application.audit;
