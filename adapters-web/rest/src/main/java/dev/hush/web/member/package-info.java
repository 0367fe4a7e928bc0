/** Organization and member routes: create and delete organizations, members, invitations. */
package dev.hush.web.member;
