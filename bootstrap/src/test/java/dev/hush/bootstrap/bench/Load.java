package dev.hush.bootstrap.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load generator: {@code concurrency} threads, each sending its next request as soon as the previous answer has
 * arrived in full (closed loop), for a fixed time, over its own kept-alive connection ({@link Wire}). It runs in the
 * benchmark's JVM, on the same machine as the servers.
 */
final class Load {
    private Load() {}

    /** The request a thread sends as its {@code n}-th. */
    interface Call {
        HttpRequest request(int thread, long n) throws Exception;
    }

    /**
     * What a cell measured. {@code okPerThread}: 2xx answers per thread (two nodes: even threads ask one, odd threads the
     * other); {@code latencies}: every request's time, sorted; {@code firstError}: a sample of what failed, or null.
     */
    record Result(int concurrency, double seconds, long[] okPerThread, long errors, long[] latencies, String firstError) {
        long ok() { return Arrays.stream(okPerThread).sum(); }

        long requests() { return latencies.length; }

        double perSecond() { return ok() / seconds; }

        double p50Ms() { return percentile(0.50); }

        double p99Ms() { return percentile(0.99); }

        private double percentile(double p) {
            return latencies.length == 0 ? Double.NaN : latencies[Math.min(latencies.length - 1, (int) (latencies.length * p))] / 1e6;
        }
    }

    /** One load thread's way of sending its {@code n}-th request: null when it succeeded, else what failed (no body). */
    interface Exchange extends AutoCloseable {
        String send(long n) throws Exception;

        @Override
        default void close() {}
    }

    /** Each thread's {@link Exchange}, made on that thread. */
    interface Exchanges {
        Exchange forThread(int thread) throws Exception;
    }

    /** HTTP requests over a {@link Wire} per thread. */
    static Result run(Call call, int concurrency, double seconds) throws InterruptedException {
        return run(http(call), concurrency, seconds);
    }

    /** {@code call}'s requests, each thread over its own {@link Wire}. */
    static Exchanges http(Call call) {
        return thread -> {
            Wire wire = new Wire();
            return new Exchange() {
                @Override
                public String send(long n) throws Exception {
                    Wire.Answer r = wire.send(call.request(thread, n));
                    return r.status() / 100 == 2 ? null : "HTTP " + r.status() + " " + problemCode(r.body());
                }

                @Override
                public void close() { wire.close(); }
            };
        };
    }

    static Result run(Exchanges exchanges, int concurrency, double seconds) throws InterruptedException {
        long[] ok = new long[concurrency];
        long[] errors = new long[concurrency];
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        AtomicReference<String> firstError = new AtomicReference<>();
        Thread[] threads = new Thread[concurrency];
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        for (int t = 0; t < concurrency; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                long[] lat = new long[4096];
                int n = 0;
                Exchange exchange;
                try {
                    exchange = exchanges.forThread(id);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    String failure;
                    try {
                        failure = exchange.send(n);
                    } catch (IOException e) {
                        failure = e.getClass().getSimpleName();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = System.nanoTime() - t0;
                    if (failure == null) {
                        ok[id]++;
                    } else {
                        errors[id]++;
                        firstError.compareAndSet(null, failure);
                    }
                }
                exchange.close();
                latencies[id] = lat;
                counts[id] = n;
            }, "load-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = new long[Arrays.stream(counts).sum()];
        int k = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(latencies[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        return new Result(concurrency, elapsed, ok, Arrays.stream(errors).sum(), all, firstError.get());
    }

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]{1,64})\"");

    /**
     * The problem's stable {@code code}, or "(no code)": the benchmark prints what failed, never a body (a body is
     * problem+json without values, but the benchmark's output does not rely on that).
     */
    private static String problemCode(byte[] body) {
        java.util.regex.Matcher m = CODE.matcher(new String(body, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "(no code)";
    }
}
