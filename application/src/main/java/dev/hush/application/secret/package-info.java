/** Secret use cases: set, pull, list keys, history, bulk import, promote, delete. */
package dev.hush.application.secret;
