/** Cross-cutting HTTP concerns: response headers on every answer. */
package dev.hush.web.support;
