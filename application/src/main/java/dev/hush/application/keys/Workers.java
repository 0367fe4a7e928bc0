package dev.hush.application.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Daemon threads for the CPU-bound part of the key jobs (opening and sealing a batch of values). The caller
 * works too, so {@code parallelism} threads in all means {@code parallelism - 1} here; idle ones end after a
 * while. The work given to them must do no I/O: they are outside the caller's transaction.
 */
final class Workers {
    private final int parallelism;
    private final ThreadPoolExecutor pool;

    Workers(String name, int parallelism) {
        this.parallelism = Math.max(1, parallelism);
        AtomicInteger n = new AtomicInteger();
        this.pool = this.parallelism == 1 ? null : new ThreadPoolExecutor(this.parallelism - 1, this.parallelism - 1, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        if (pool != null) {
            pool.allowCoreThreadTimeOut(true);
        }
    }

    /**
     * {@code work} applied to consecutive shares of {@code items} (each at least {@code minShare} long, at most
     * one per thread), the results concatenated in order. The first share runs on the calling thread. Returns
     * or throws once every share has ended (the first failure, as it was), or at once when the caller is
     * interrupted (the other shares are then cancelled): give each share state of its own.
     */
    <T, R> List<R> map(List<T> items, int minShare, Function<List<T>, List<R>> work) {
        int shares = (int) Math.max(1, Math.min(parallelism, items.size() / (long) Math.max(1, minShare)));
        if (shares == 1) {
            return work.apply(items);
        }
        int size = (items.size() + shares - 1) / shares;
        List<Future<List<R>>> others = new ArrayList<>();
        for (int from = size; from < items.size(); from += size) {
            List<T> share = items.subList(from, Math.min(items.size(), from + size));
            others.add(pool.submit(() -> work.apply(share)));
        }
        List<R> out = new ArrayList<>(items.size());
        RuntimeException failure = null;
        try {
            out.addAll(work.apply(items.subList(0, size)));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<List<R>> f : others) {
            try {
                List<R> part = f.get();
                if (failure == null) {
                    out.addAll(part);
                }
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                others.forEach(o -> o.cancel(true));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }
}
