/**
 * Billing adapters (Stripe, and none for self-hosting). The foundation runs without billing: every
 * plan limit is unlimited. The billing port and its adapters are added with the SaaS work.
 */
package dev.hush.billing;
