/** Health indicators beyond the framework's (database): the root key. */
package dev.hush.web.health;
