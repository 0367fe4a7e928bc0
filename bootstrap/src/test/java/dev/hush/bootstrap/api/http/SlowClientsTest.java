package dev.hush.bootstrap.api.http;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Red-team finding 12: slow clients cannot hold connections. Headers trickled a byte at a time and a body
 * trickled a byte at a time are cut at their deadlines (2 s here), and one address cannot open more than its
 * share of connections; a normal client is served meanwhile.
 */
class SlowClientsTest {
    @Test
    void tricklingHeadersAndBodies_areCut_andConnectionsPerAddressAreCapped() throws Exception {
        Path dir = Files.createTempDirectory("hush-slow");
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.http.header-timeout", "2s",
                "hush.http.body-timeout", "2s", "hush.http.max-connections-per-address", 7))) {
            int port = server.base.getPort();
            List<Socket> slow = new ArrayList<>();
            long start = System.nanoTime();
            try {
                // Four slowloris connections: a header byte every 300 ms, never finishing.
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.setSoTimeout(100);
                    s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    slow.add(s);
                }
                // One body trickled a byte every 300 ms.
                Socket body = new Socket("127.0.0.1", port);
                body.setSoTimeout(100);
                body.getOutputStream().write(("POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                slow.add(body);
                // A kept-alive connection: one whole request answered (a 401 for a POST with a body), then the
                // next request's headers trickle: the header deadline runs again after the answer.
                Socket kept = new Socket("127.0.0.1", port);
                kept.setSoTimeout(5000);
                String post = "{\"name\":\"x\",\"slug\":\"x\"}";
                kept.getOutputStream().write(("POST /v1/projects/someone HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + post.length() + "\r\n\r\n" + post).getBytes(StandardCharsets.US_ASCII));
                java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
                kept.setSoTimeout(700);
                try {
                    byte[] buffer = new byte[4096];
                    for (int n; (n = kept.getInputStream().read(buffer)) > 0; ) {
                        answer.write(buffer, 0, n);
                    }
                } catch (SocketTimeoutException drained) {
                    // the whole answer is in
                }
                assertThat(answer.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 401");
                kept.setSoTimeout(100);
                kept.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(kept);
                // The cap: this address has 6 open; the 8th connection is closed at once.
                Socket underCap = new Socket("127.0.0.1", port);
                Socket overCap = new Socket("127.0.0.1", port);
                overCap.setSoTimeout(3000);
                assertThat(overCap.getInputStream().read()).as("over the per-address cap: closed").isEqualTo(-1);
                overCap.close();
                underCap.close();

                boolean[] closed = new boolean[slow.size()];
                while (System.nanoTime() - start < 10_000_000_000L && !allTrue(closed)) {
                    for (int i = 0; i < slow.size(); i++) {
                        if (closed[i]) {
                            continue;
                        }
                        try {
                            slow.get(i).getOutputStream().write(i == 4 ? 'x' : 'X');
                            InputStream in = slow.get(i).getInputStream();
                            int b = in.read();
                            if (b == -1) {
                                closed[i] = true;
                            }
                        } catch (SocketTimeoutException stillOpen) {
                            // the server has not closed it yet
                        } catch (java.io.IOException reset) {
                            closed[i] = true;
                        }
                    }
                    Thread.sleep(200);
                }
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                assertThat(closed).as("every trickling connection was cut").containsOnly(true);
                assertThat(seconds).as("cut at the 2 s deadlines, not held").isLessThan(8);
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
            // A normal client is served, on a kept-alive connection too.
            Api api = Api.anonymous(server.base);
            assertThat(api.get("/health").status()).isEqualTo(200);
            assertThat(api.get("/health").status()).isEqualTo(200);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }
}
