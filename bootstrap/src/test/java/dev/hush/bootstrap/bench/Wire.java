package dev.hush.bootstrap.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * The load generator's HTTP/1.1 client: one kept-alive socket per server for one load thread, a request written in
 * one call, the answer read by its {@code Content-Length} (or chunks). It does as little as an HTTP client can, as
 * wrk does, so that the load generator, which shares the machine's two cores with the servers, takes as little of
 * them as possible; {@code java.net.http.HttpClient} spends several times more per request. Not thread-safe: one a
 * load thread.
 */
final class Wire implements Closeable {
    /** A status and a body. */
    record Answer(int status, byte[] body) {}

    private final Map<String, Connection> connections = new HashMap<>();

    /** Sends {@code request} (GET, PUT or POST with a body) and reads the whole answer. */
    Answer send(HttpRequest request) throws IOException {
        URI uri = request.uri();
        String authority = uri.getHost() + ":" + uri.getPort();
        byte[] bytes = encode(request, authority);
        for (int attempt = 0; ; attempt++) {
            Connection c = connections.get(authority);
            if (c == null) {
                c = new Connection(uri.getHost(), uri.getPort());
                connections.put(authority, c);
            }
            try {
                Answer a = c.exchange(bytes);
                if (c.dead) {
                    c.close();
                    connections.remove(authority);
                }
                return a;
            } catch (IOException e) {
                // A kept-alive connection the server closed: once more on a new one.
                c.close();
                connections.remove(authority);
                if (attempt > 0 || c.used == 0) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        connections.values().forEach(Connection::close);
        connections.clear();
    }

    private static byte[] encode(HttpRequest request, String authority) {
        byte[] body = request.bodyPublisher().map(Wire::bytes).orElse(new byte[0]);
        URI uri = request.uri();
        StringBuilder head = new StringBuilder(256).append(request.method()).append(' ').append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
        for (Map.Entry<String, List<String>> h : request.headers().map().entrySet()) {
            for (String value : h.getValue()) {
                head.append(h.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        if (body.length > 0 || !request.method().equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[start.length + body.length];
        System.arraycopy(start, 0, out, 0, start.length);
        System.arraycopy(body, 0, out, start.length, body.length);
        return out;
    }

    /** The bytes of a body publisher (the in-memory ones the benchmark builds publish synchronously). */
    private static byte[] bytes(HttpRequest.BodyPublisher publisher) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }

            @Override public void onNext(ByteBuffer b) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }

            @Override public void onError(Throwable t) { throw new IllegalStateException(t); }

            @Override public void onComplete() {}
        });
        return out.toByteArray();
    }

    private static final class Connection implements Closeable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private int used;
        /** The server closes it after this answer. */
        private boolean dead;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }

        Answer exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            byte[] body;
            if (chunked) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    all.writeBytes(in.readNBytes(size));
                    line();
                }
                for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                    // trailers are ignored
                }
                body = all.toByteArray();
            } else {
                body = length < 0 ? in.readAllBytes() : in.readNBytes((int) length);
                if (length >= 0 && body.length < length) {
                    throw new EOFException("answer cut short");
                }
            }
            used++;
            dead = close || length < 0 && !chunked;
            return new Answer(code, body);
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("connection closed");
                }
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
