package dev.hush.bootstrap.wiring;

import dev.hush.domain.Rejection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread with a bounded queue: a task past {@code capacity} is dropped with a warning (so a flood
 * cannot grow memory), and a failing task is logged by its code, never its message.
 */
final class Background {
    private Background() {}

    static Executor queue(String name, int capacity, String whenLost) {
        Logger log = LoggerFactory.getLogger("dev.hush.bootstrap.Background." + name);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, (task, executor) -> log.warn("Queue full: {}", whenLost));
        return task -> pool.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Failed ({}): {}", e instanceof Rejection r ? r.code() : e.getClass().getSimpleName(), whenLost);
            }
        });
    }
}
