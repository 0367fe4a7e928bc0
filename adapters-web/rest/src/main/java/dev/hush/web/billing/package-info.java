/** {@code /v1/billing}: an organization's plan, status, usage and limits. */
package dev.hush.web.billing;
