/** Plan limits (resolution and enforcement) and the platform admin's view of organizations, plans and usage. */
package dev.hush.application.plan;
