package dev.hush.rpc;

import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.hush.rpc.v1.SecretsServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Connect protocol's unary calls on the HTTP port ({@code POST /hush.v1.SecretsService/{Method}}), as
 * connectrpc.com/docs/protocol specifies them: {@code application/json} (protobuf's JSON mapping) or
 * {@code application/proto} bodies, {@code Connect-Protocol-Version: 1}, {@code Connect-Timeout-Ms}, and errors as
 * {@code {code, message, details}} with Connect's HTTP statuses; and the server stream (WatchEnvironment) with
 * {@code application/connect+json} or {@code +proto} envelopes and the end-of-stream message. Each call goes to the gRPC service through
 * {@link InProcessRpc}, carrying the request's {@code Authorization} and user agent and the client's address, so
 * authentication, authorization, audit and errors are the gRPC API's. This is the one protocol written by hand.
 */
@Controller("/hush.v1.SecretsService")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectController {
    static final String JSON = "application/json";
    static final String PROTO = "application/proto";
    static final String STREAM_JSON = "application/connect+json";
    static final String STREAM_PROTO = "application/connect+proto";
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> USER_AGENT = Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER);

    private final InProcessRpc rpc;

    /** The service's methods by their bare names ({@code PullSecrets}, ...). */
    @SuppressWarnings("unchecked")
    private static final Map<String, MethodDescriptor<Message, Message>> METHODS = SecretsServiceGrpc.getServiceDescriptor().getMethods().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(MethodDescriptor::getBareMethodName, m -> (MethodDescriptor<Message, Message>) m));

    ConnectController(InProcessRpc rpc) { this.rpc = rpc; }

    /** A unary call. */
    @Post(uri = "/{method}", consumes = {JSON, PROTO}, produces = MediaType.ALL)
    @SuppressWarnings("unchecked")
    HttpResponse<byte[]> unary(HttpRequest<?> request, @PathVariable String method, @Nullable @Body byte[] body) {
        return (HttpResponse<byte[]>) call(request, method, body);
    }

    /**
     * A streaming call. Declared as a publisher of byte arrays so that Micronaut writes each chunk as it is (under a
     * +json type it frames a publisher of anything else as a JSON array).
     */
    @Post(uri = "/{method}", consumes = {STREAM_JSON, STREAM_PROTO}, produces = MediaType.ALL)
    @SuppressWarnings("unchecked")
    HttpResponse<org.reactivestreams.Publisher<byte[]>> streaming(HttpRequest<?> request, @PathVariable String method, @Nullable @Body byte[] body) {
        return (HttpResponse<org.reactivestreams.Publisher<byte[]>>) call(request, method, body);
    }

    /** Any other body type: 415, with the types Connect calls use. */
    @Post(uri = "/{method}", consumes = MediaType.ALL, produces = MediaType.ALL)
    @SuppressWarnings("unchecked")
    HttpResponse<byte[]> other(HttpRequest<?> request, @PathVariable String method, @Nullable @Body byte[] body) {
        return (HttpResponse<byte[]>) call(request, method, body);
    }

    private HttpResponse<?> call(HttpRequest<?> request, String method, byte[] body) {
        String contentType = request.getContentType().map(MediaType::getName).orElse("");
        boolean streaming = contentType.equals(STREAM_JSON) || contentType.equals(STREAM_PROTO);
        boolean json = contentType.equals(JSON) || contentType.equals(STREAM_JSON);
        if (!json && !contentType.equals(PROTO) && !streaming) {
            return HttpResponse.<byte[]>status(io.micronaut.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .header("Accept-Post", String.join(", ", JSON, PROTO, STREAM_JSON, STREAM_PROTO));
        }
        MethodDescriptor<Message, Message> descriptor = METHODS.get(method);
        if (descriptor == null) {
            return error(Status.Code.UNIMPLEMENTED, "no method hush.v1.SecretsService/" + method, List.of()).status(io.micronaut.http.HttpStatus.NOT_FOUND);
        }
        if ((descriptor.getType() == MethodDescriptor.MethodType.SERVER_STREAMING) != streaming) {
            return error(Status.Code.UNIMPLEMENTED, streaming ? method + " is unary: send application/json or application/proto"
                    : method + " streams: send application/connect+json or application/connect+proto", List.of());
        }
        String version = request.getHeaders().get("Connect-Protocol-Version");
        if (version != null && !version.equals("1")) {
            return error(Status.Code.INVALID_ARGUMENT, "Connect-Protocol-Version must be 1", List.of());
        }
        String encoding = request.getHeaders().get("Content-Encoding");
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            return error(Status.Code.UNIMPLEMENTED, "Content-Encoding " + encoding + " is not supported; send the body uncompressed", List.of());
        }
        CallOptions options = CallOptions.DEFAULT;
        String timeout = request.getHeaders().get("Connect-Timeout-Ms");
        if (timeout != null) {
            if (!timeout.matches("[0-9]{1,10}")) {
                return error(Status.Code.INVALID_ARGUMENT, "Connect-Timeout-Ms must be a positive integer of at most 10 digits", List.of());
            }
            options = options.withDeadlineAfter(Long.parseLong(timeout), TimeUnit.MILLISECONDS);
        }
        Message input;
        try {
            Message prototype = ((MethodDescriptor.PrototypeMarshaller<Message>) descriptor.getRequestMarshaller()).getMessagePrototype();
            byte[] in = body == null ? new byte[0] : body;
            if (streaming) {
                // One enveloped message: a flags byte (0: not compressed), a big-endian length, the message.
                if (in.length < 5 || in[0] != 0 || java.nio.ByteBuffer.wrap(in, 1, 4).getInt() != in.length - 5) {
                    return error(Status.Code.INVALID_ARGUMENT, "the body must be one uncompressed Connect envelope", List.of());
                }
                in = java.util.Arrays.copyOfRange(in, 5, in.length);
            }
            if (json) {
                Message.Builder builder = prototype.newBuilderForType();
                PARSER.merge(new String(in, StandardCharsets.UTF_8), builder);
                input = builder.build();
            } else {
                input = prototype.getParserForType().parseFrom(in);
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return error(Status.Code.INVALID_ARGUMENT, "the body is not a valid " + descriptor.getFullMethodName() + " request: "
                    + (json ? "JSON" : "protobuf") + " that does not parse", List.of());
        }
        Metadata headers = new Metadata();
        String authorization = request.getHeaders().getAuthorization().orElse(null);
        if (authorization != null) {
            headers.put(AUTHORIZATION, authorization);
        }
        String agent = request.getHeaders().get("User-Agent");
        if (agent != null) {
            headers.put(USER_AGENT, agent);
        }
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer != null && peer.getAddress() != null) {
            headers.put(RpcCaller.CONNECT_CLIENT, peer.getAddress().getHostAddress());
        }
        if (streaming) {
            return stream(descriptor, input, options, headers, json);
        }
        try {
            Message output = ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(rpc.channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                    descriptor, options, input);
            if (json && output instanceof dev.hush.rpc.v1.PullSecretsResponse pulled) {
                // The hot path: written field by field, without reflection, straight into the buffer the server sends.
                io.netty.buffer.ByteBuf answer = io.netty.buffer.ByteBufAllocator.DEFAULT.buffer(PullJson.estimate(pulled));
                try {
                    PullJson.write(pulled, new io.netty.buffer.ByteBufOutputStream(answer));
                } catch (RuntimeException e) {
                    answer.release();
                    throw e;
                }
                return HttpResponse.ok(answer).contentType(JSON);
            }
            byte[] out = json ? PRINTER.print(output).getBytes(StandardCharsets.UTF_8) : output.toByteArray();
            return HttpResponse.ok(out).contentType(json ? JSON : PROTO);
        } catch (StatusRuntimeException e) {
            com.google.rpc.Status status = StatusProto.fromThrowable(e);
            return error(e.getStatus().getCode(), e.getStatus().getDescription(), status == null ? List.of() : status.getDetailsList());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return error(Status.Code.INTERNAL, "the answer could not be encoded", List.of());
        }
    }

    /**
     * A server stream: each message in an envelope, then the end-of-stream envelope (flags 2) with the error if the
     * call failed. The answer is a publisher of raw chunks ({@link #streaming}) fed by the in-process call, which asks
     * for a message only when the HTTP client has asked for one: a slow reader makes the watch wait, never a queue grow.
     * No thread is held between messages; a client that goes away cancels the call.
     */
    private HttpResponse<?> stream(MethodDescriptor<Message, Message> descriptor, Message input, CallOptions options, Metadata headers, boolean json) {
        io.grpc.ClientCall<Message, Message> call = rpc.channel.newCall(descriptor, options);
        reactor.core.publisher.Flux<byte[]> answer = reactor.core.publisher.Flux.<byte[]>create(sink -> {
            call.start(new io.grpc.ClientCall.Listener<>() {
                @Override
                public void onMessage(Message m) {
                    try {
                        sink.next(envelope(0, json ? PRINTER.print(m).getBytes(StandardCharsets.UTF_8) : m.toByteArray()));
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        call.cancel("the message could not be encoded", e);
                    }
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    String end = "{}";
                    if (!status.isOk()) {
                        com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
                        end = "{\"error\":" + errorJson(status.getCode(), status.getDescription(), details == null ? List.of() : details.getDetailsList()) + "}";
                    }
                    sink.next(envelope(2, end.getBytes(StandardCharsets.UTF_8)));
                    sink.complete();
                }
            }, headers);
            sink.onRequest(n -> call.request((int) Math.min(n, Integer.MAX_VALUE)));
            sink.onCancel(() -> call.cancel("the client went away", null));
            call.sendMessage(input);
            call.halfClose();
        }, reactor.core.publisher.FluxSink.OverflowStrategy.BUFFER)
                // Started where blocking is allowed: opening a watch reads the database, and Micronaut may subscribe
                // on an event loop.
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
        return HttpResponse.ok(answer).contentType(json ? STREAM_JSON : STREAM_PROTO);
    }

    private static byte[] envelope(int flags, byte[] message) {
        return java.nio.ByteBuffer.allocate(5 + message.length).put((byte) flags).putInt(message.length).put(message).array();
    }

    /** A Connect error: JSON {@code {code, message, details}} with the HTTP status Connect gives the code. */
    private static MutableHttpResponse<byte[]> error(Status.Code code, String message, List<com.google.protobuf.Any> details) {
        return HttpResponse.<byte[]>ok().status(httpStatus(code)).body(errorJson(code, message, details).getBytes(StandardCharsets.UTF_8)).contentType(JSON);
    }

    /** {@code {code, message, details}}, the details' values in base64 without padding. */
    private static String errorJson(Status.Code code, String message, List<com.google.protobuf.Any> details) {
        Struct.Builder body = Struct.newBuilder().putFields("code", text(name(code)));
        if (message != null && !message.isEmpty()) {
            body.putFields("message", text(message));
        }
        if (!details.isEmpty()) {
            ListValue.Builder list = ListValue.newBuilder();
            for (com.google.protobuf.Any d : details) {
                list.addValues(Value.newBuilder().setStructValue(Struct.newBuilder()
                        .putFields("type", text(d.getTypeUrl().substring(d.getTypeUrl().lastIndexOf('/') + 1)))
                        .putFields("value", text(Base64.getEncoder().withoutPadding().encodeToString(d.getValue().toByteArray())))));
            }
            body.putFields("details", Value.newBuilder().setListValue(list).build());
        }
        try {
            return PRINTER.print(body);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return "{\"code\":\"internal\"}";
        }
    }

    private static Value text(String s) { return Value.newBuilder().setStringValue(s).build(); }

    /** Connect's name of a code: the gRPC name in lower case. */
    static String name(Status.Code code) {
        return code.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** connectrpc.com/docs/protocol#error-codes */
    static int httpStatus(Status.Code code) {
        return switch (code) {
            case CANCELLED -> 499;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case DEADLINE_EXCEEDED -> 504;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case PERMISSION_DENIED -> 403;
            case RESOURCE_EXHAUSTED -> 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case UNAUTHENTICATED -> 401;
            default -> 500;
        };
    }
}
