package dev.hush.application.fakes;

import dev.hush.application.webhook.UrlGuard;
import dev.hush.application.webhook.WebhookSender;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the requests it is asked to send and answers with the status a test sets (200 by default; 0: no answer). */
public final class FakeWebhookSender implements WebhookSender {
    public record Sent(UrlGuard.Target target, Map<String, String> headers, String body) {}

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    public void answer(int status) { this.status = status; }

    @Override
    public Result send(UrlGuard.Target target, Map<String, String> headers, byte[] body) {
        sent.add(new Sent(target, Map.copyOf(headers), new String(body, java.nio.charset.StandardCharsets.UTF_8)));
        return status == 0 ? new Result(Optional.empty(), 3, Optional.of("connection refused")) : new Result(Optional.of(status), 3, Optional.empty());
    }

    public List<Sent> sent() { return List.copyOf(sent); }
}
