package dev.hush.bootstrap;

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
                "hush.http.body-timeout", "2s", "hush.http.max-connections-per-address", 6))) {
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
                // The cap: this address has 5 open; the 7th connection is closed at once.
                Socket sixth = new Socket("127.0.0.1", port);
                Socket seventh = new Socket("127.0.0.1", port);
                seventh.setSoTimeout(3000);
                assertThat(seventh.getInputStream().read()).as("over the per-address cap: closed").isEqualTo(-1);
                seventh.close();
                sixth.close();

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
