package dev.hush.bootstrap.jobs;

import dev.hush.application.secret.EnvironmentWatchers;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * A stopping server ends its watches (gRPC and Connect streams with UNAVAILABLE, Server-Sent Events by closing) at
 * once, so their clients resume on another node from their last revision instead of holding the shutdown.
 */
@Singleton
final class WatchShutdown implements GracefulShutdownCapable {
    private final EnvironmentWatchers watchers;

    WatchShutdown(EnvironmentWatchers watchers) { this.watchers = watchers; }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        return watchers.stop();
    }

    @Override
    public OptionalLong reportActiveTasks() {
        return OptionalLong.of(watchers.running());
    }
}
