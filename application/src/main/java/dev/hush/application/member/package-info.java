/** Organizations and their members: create and delete organizations, invite, accept, change roles, remove. */
package dev.hush.application.member;
