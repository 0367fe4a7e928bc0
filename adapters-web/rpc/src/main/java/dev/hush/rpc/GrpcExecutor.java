package dev.hush.rpc;

import io.grpc.ServerBuilder;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;

/**
 * Runs the gRPC port's calls on the executor the REST routes run on ({@code blocking}: virtual threads on JDK 21 and
 * later, Micronaut's I/O pool before), instead of the I/O pool Micronaut's gRPC server picks: the use cases block on
 * the database, and on a few cores a call's hops between platform threads cost more than the same hops between
 * virtual threads.
 */
@Singleton
final class GrpcExecutor implements BeanCreatedEventListener<ServerBuilder<?>> {
    private final ExecutorService blocking;

    GrpcExecutor(@Named(TaskExecutors.BLOCKING) ExecutorService blocking) { this.blocking = blocking; }

    @Override
    public ServerBuilder<?> onCreated(BeanCreatedEvent<ServerBuilder<?>> event) {
        return event.getBean().executor(blocking);
    }
}
