/** The operator's admin API ({@code /v1/admin}): platform admins only. */
package dev.hush.web.admin;
