/** Audit log routes: query an organization's events and verify its hash chain. */
package dev.hush.web.audit;
