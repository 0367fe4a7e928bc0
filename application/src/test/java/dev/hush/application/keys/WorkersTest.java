package dev.hush.application.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkersTest {
    final Workers workers = new Workers("test-workers", 4);

    @Test
    void map_keepsTheOrder_andSpreadsSharesOverThreads() {
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();

        List<Integer> out = workers.map(items, 100, share -> {
            threads.add(Thread.currentThread().getName());
            return share.stream().map(i -> i * 2).toList();
        });

        assertThat(out).isEqualTo(items.stream().map(i -> i * 2).toList());
        assertThat(threads).hasSizeBetween(1, 4).contains(Thread.currentThread().getName());
    }

    @Test
    void map_fewItems_runOnTheCaller() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        workers.map(List.of(1, 2, 3), 100, share -> {
            threads.add(Thread.currentThread().getName());
            return share;
        });
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void map_aShareFails_throwsItOnceEveryShareHasEnded() {
        AtomicInteger ended = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 400).boxed().toList();

        assertThatThrownBy(() -> workers.map(items, 100, share -> {
            try {
                if (share.get(0) == 300) {
                    throw new IllegalArgumentException("bad value");
                }
                return share;
            } finally {
                ended.incrementAndGet();
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad value");
        assertThat(ended).hasValue(4);
    }
}
