/** Plans and their limits: what an organization may create, resolved from overrides, the plan table and constants. */
package dev.hush.domain.plan;
