/** Secrets, their versions and the value objects that guard their shape. */
package dev.hush.domain.secret;
