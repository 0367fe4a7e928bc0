package dev.hush.application.webhook;

import java.util.Map;
import java.util.Optional;

/** Sends one signed webhook request to a target that passed the {@link UrlGuard}, connecting only to its checked addresses; no redirects. */
public interface WebhookSender {
    /** The answer's status (empty when there was none), how long it took, and a short error; never the response body. */
    record Result(Optional<Integer> statusCode, long durationMs, Optional<String> error) {
        public boolean succeeded() { return statusCode.isPresent() && statusCode.get() >= 200 && statusCode.get() < 300; }
    }

    Result send(UrlGuard.Target target, Map<String, String> headers, byte[] body);
}
