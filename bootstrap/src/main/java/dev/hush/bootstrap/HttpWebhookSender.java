package dev.hush.bootstrap;

import dev.hush.application.webhook.UrlGuard;
import dev.hush.application.webhook.WebhookSender;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends webhook requests with Apache HttpClient 5: the connection goes only to the addresses the
 * {@link UrlGuard} checked (a resolver that answers with them — no second DNS lookup, so no DNS
 * rebinding), TLS still verifies the host name, redirects are not followed, nothing is retried here, and
 * the response body is never read.
 */
final class HttpWebhookSender implements WebhookSender {
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
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(pinned)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(Timeout.ofSeconds(10)).build()).build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(Timeout.ofSeconds(10)).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().disableContentCompression()
                .build()) {
            HttpPost post = new HttpPost(target.uri());
            headers.forEach(post::setHeader);
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            int status = client.execute(post, response -> response.getCode());
            return new Result(Optional.of(status), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), status >= 300 && status < 400
                    ? Optional.of("redirects are not followed") : Optional.empty());
        } catch (java.io.IOException | RuntimeException e) {
            return new Result(Optional.empty(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Optional.of(e.getClass().getSimpleName()));
        }
    }
}
