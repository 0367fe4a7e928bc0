/** Roles, token scopes and the policy that decides who may read or write which environment. */
package dev.hush.domain.access;
