/** Network addresses and ranges, parsed without DNS lookups. */
package dev.hush.application.net;
