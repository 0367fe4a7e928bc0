/** JSON text written by the application layer itself, without a framework. */
package dev.hush.application.json;
