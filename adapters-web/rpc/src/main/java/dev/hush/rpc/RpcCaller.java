package dev.hush.rpc;

import dev.hush.application.auth.Authenticate;
import dev.hush.application.auth.Caller;
import dev.hush.application.auth.Client;
import dev.hush.domain.Rejection;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Authenticates every call by its {@code authorization} metadata ({@code Bearer hush_tok_...}: API tokens only)
 * through the same {@link Authenticate} as the REST API, and puts the caller in the call's context; a call without a
 * valid, active token ends with {@code UNAUTHENTICATED} before any method runs.
 */
@Singleton
final class RpcCaller implements ServerInterceptor {
    static final Context.Key<Caller> CALLER = Context.key("hush-caller");
    private static final Context.Key<String> CREDENTIAL = Context.key("hush-authorization");
    private static final Context.Key<Client> CLIENT = Context.key("hush-client");
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> USER_AGENT = Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER);
    /** The HTTP client's address of a Connect call, believed only on the in-process transport ({@link ConnectController}). */
    static final Metadata.Key<String> CONNECT_CLIENT = Metadata.Key.of("x-hush-connect-client", Metadata.ASCII_STRING_MARSHALLER);

    private final Authenticate authenticate;

    RpcCaller(Authenticate authenticate) { this.authenticate = authenticate; }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        Caller caller;
        Client client = client(call, headers);
        try {
            caller = authenticate.byAuthorization(headers.get(AUTHORIZATION), client);
        } catch (RuntimeException e) {
            var refused = RpcErrors.of(e);
            call.close(refused.getStatus(), refused.getTrailers() == null ? new Metadata() : refused.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller).withValue(CREDENTIAL, headers.get(AUTHORIZATION))
                .withValue(CLIENT, client), call, headers, next);
    }

    /**
     * Authenticates the current call's credential anew, from any thread (a long call checks that its token is still
     * active; the token cache forgets a revoked token on every node within moments). 401 when it is not.
     */
    java.util.function.Supplier<Caller> reauthentication() {
        String credential = CREDENTIAL.get();
        Client client = CLIENT.get();
        return () -> authenticate.byAuthorization(credential, client);
    }

    /** The caller of the current call (set by this interceptor). */
    static Caller current() {
        Caller caller = CALLER.get();
        if (caller == null) {
            throw Rejection.unauthenticated();
        }
        return caller;
    }

    private static Client client(ServerCall<?, ?> call, Metadata headers) {
        SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String ip = peer instanceof InetSocketAddress a && a.getAddress() != null ? a.getAddress().getHostAddress()
                : peer instanceof io.grpc.inprocess.InProcessSocketAddress ? headers.get(CONNECT_CLIENT) : null;
        return new Client(ip, headers.get(USER_AGENT));
    }
}
