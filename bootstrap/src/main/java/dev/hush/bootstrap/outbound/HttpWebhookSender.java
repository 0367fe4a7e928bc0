package dev.hush.bootstrap.outbound;

import dev.hush.application.webhook.UrlGuard;
import dev.hush.application.webhook.WebhookSender;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends webhook requests with Apache HttpClient 5: the connection goes only to the addresses the
 * {@link UrlGuard} checked (a resolver that answers with them — no second DNS lookup, so no DNS
 * rebinding), TLS still verifies the host name, no proxy, redirects are not followed, nothing is retried
 * here, the response body is never read (the connection is dropped after the status line), and every
 * request is aborted after a hard deadline (15 s by default) whatever the receiver does — even one that
 * trickles its status line a byte at a time, which per-read socket timeouts alone would not stop.
 */
public final class HttpWebhookSender implements WebhookSender {
    private final java.time.Duration deadlineAfter;

    public HttpWebhookSender(java.time.Duration deadline) {
        this.deadlineAfter = deadline;
    }
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-deadline");
        t.setDaemon(true);
        return t;
    });

    @Override
    public Result send(UrlGuard.Target target, Map<String, String> headers, byte[] body) {
        DnsResolver pinned = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return target.addresses().toArray(InetAddress[]::new);
            }

            @Override
            public String resolveCanonicalHostname(String host) { return host; }
        };
        long start = System.nanoTime();
        HttpPost post = new HttpPost(target.uri());
        ScheduledFuture<?> deadline = WATCHDOG.schedule(post::cancel, deadlineAfter.toMillis(), TimeUnit.MILLISECONDS);
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(pinned)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(Timeout.ofSeconds(10)).build()).build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(Timeout.ofSeconds(10)).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().disableContentCompression()
                .build()) {
            headers.forEach(post::setHeader);
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            ClassicHttpResponse response = client.executeOpen(null, post, null);
            int status = response.getCode();
            // Drop the connection without reading the body: a receiver cannot make us read (or wait for) anything more.
            // Closing an aborted response may throw (socket closed): the answer is already in hand, so that is not a failure.
            post.cancel();
            try {
                response.close();
            } catch (java.io.IOException | RuntimeException closing) {
                // the connection is gone either way
            }
            return new Result(Optional.of(status), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), status >= 300 && status < 400
                    ? Optional.of("redirects are not followed") : Optional.empty());
        } catch (java.io.IOException | RuntimeException e) {
            boolean late = post.isCancelled() && System.nanoTime() - start >= deadlineAfter.toNanos();
            return new Result(Optional.empty(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    Optional.of(late ? "no complete answer within " + deadlineAfter.toMillis() + " ms" : failure(e)));
        } finally {
            deadline.cancel(false);
        }
    }

    /** What went wrong, in words a webhook owner can act on (never an exception's class or message). */
    static String failure(Exception e) {
        if (e instanceof java.net.SocketTimeoutException || e instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
            return "timed out";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "host not found";
        }
        if (e instanceof org.apache.hc.client5.http.HttpHostConnectException || e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS handshake or certificate check failed";
        }
        if (e instanceof org.apache.hc.core5.http.ProtocolException || e instanceof org.apache.hc.core5.http.NoHttpResponseException) {
            return "the receiver did not answer with valid HTTP";
        }
        return "connection failed";
    }
}
