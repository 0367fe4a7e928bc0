/** Project and environment routes. */
package dev.hush.web.project;
