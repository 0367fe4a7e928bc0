/** Cross-cutting HTTP concerns: response headers on every answer, connection limits, request metrics and {@code /metrics}. */
package dev.hush.web.support;
