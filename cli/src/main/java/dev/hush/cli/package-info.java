/**
 * The hush client commands (login, secrets, import/export, run): picocli over the public HTTP API, with
 * values sealed on the client and retrieved sealed to an ephemeral key. No server framework on this path.
 */
package dev.hush.cli;
