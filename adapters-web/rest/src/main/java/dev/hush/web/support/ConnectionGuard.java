package dev.hush.web.support;

import dev.hush.application.auth.Client;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slow clients cannot hold connections: a request's headers must arrive within {@code hush.http.header-timeout}
 * (counted from the connection's start, or from the previous answer on a kept-alive connection) and its body
 * within {@code hush.http.body-timeout} of the headers, however slowly the bytes trickle (the idle timers reset
 * on every byte; these do not); and one client address holds at most {@code hush.http.max-connections-per-address}
 * connections at once. A connection over a limit is closed.
 */
@Singleton
final class ConnectionGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final long headerMillis;
    private final long bodyMillis;
    private final int perAddress;
    /** Open connections per client address (an IPv6 one by its /64). */
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    ConnectionGuard(WebSettings.Http settings) {
        this.headerMillis = settings.headerTimeout().toMillis();
        this.bodyMillis = settings.bodyTimeout().toMillis();
        this.perAddress = settings.maxConnectionsPerAddress();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new OnConnection(channel) : this;
            }
        });
        return event.getBean();
    }

    private final class OnConnection implements NettyServerCustomizer {
        private final Channel channel;

        OnConnection(Channel channel) {
            this.channel = channel;
            if (perAddress > 0 && channel.remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
                String address = Client.throttleKey(remote.getAddress().getHostAddress());
                int now = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
                channel.closeFuture().addListener(f -> open.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n));
                if (now > perAddress) {
                    channel.close();
                }
            }
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel.pipeline().get("http-server-codec") != null && channel.pipeline().get("hush-request-deadlines") == null) {
                channel.pipeline().addAfter("http-server-codec", "hush-request-deadlines", new Deadlines());
            }
        }
    }

    /**
     * Per connection: the body deadline while a request is being read; the header deadline while the
     * connection waits for the next request (every request read in full and answered in full, in either
     * order: an answer may go out before its request's body was read, a 401 on a large POST say); no
     * deadline while an answer is being worked on.
     */
    private final class Deadlines extends ChannelDuplexHandler {
        private ScheduledFuture<?> timer;
        private boolean reading;
        private long requestsRead;
        private long answersWritten;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            arm(ctx, headerMillis);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest) {
                reading = true;
                arm(ctx, bodyMillis);
            }
            if (msg instanceof LastHttpContent) {
                reading = false;
                requestsRead++;
                settle(ctx);
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof LastHttpContent) {
                answersWritten++;
                if (!reading) {
                    settle(ctx);
                }
            }
            super.write(ctx, msg, promise);
        }

        /** Not reading a request: wait for the next one if every request has its answer, else nothing to time. */
        private void settle(ChannelHandlerContext ctx) {
            if (answersWritten >= requestsRead) {
                arm(ctx, headerMillis);
            } else {
                cancel();
            }
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            cancel();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            cancel();
            super.channelInactive(ctx);
        }

        private void arm(ChannelHandlerContext ctx, long millis) {
            cancel();
            if (millis > 0 && ctx.channel().isActive()) {
                timer = ctx.executor().schedule(() -> {
                    ctx.channel().close();
                }, millis, TimeUnit.MILLISECONDS);
            }
        }

        private void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
