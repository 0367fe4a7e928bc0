/** The Stripe billing adapter: hosted Checkout, the Customer Portal and verified Stripe webhooks, through stripe-java. */
package dev.hush.billing.stripe;
