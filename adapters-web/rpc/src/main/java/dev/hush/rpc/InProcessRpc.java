package dev.hush.rpc;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * The gRPC service behind the same interceptor, served in this process only: what the Connect endpoint calls, so one
 * implementation ({@link SecretsRpc}) answers gRPC and Connect alike, whether or not the gRPC port is open.
 */
@Singleton
final class InProcessRpc implements AutoCloseable {
    private final Server server;
    final ManagedChannel channel;

    InProcessRpc(SecretsRpc secrets, RpcCaller caller) {
        String name = "hush-connect-" + UUID.randomUUID();
        try {
            // Direct executors: a Connect call runs on the HTTP request's (blocking) thread, with no hand-off to another pool.
            server = InProcessServerBuilder.forName(name).directExecutor().addService(ServerInterceptors.intercept(secrets, caller)).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @PreDestroy
    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
    }
}
