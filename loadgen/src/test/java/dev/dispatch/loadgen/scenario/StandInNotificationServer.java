package dev.dispatch.loadgen.scenario;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * notification-service's /ws/notifications as far as the load generator uses it: the token in {@code access_token}
 * (some refused with 401), a {@code welcome} a moment after the upgrade, notifications sent to every socket at once,
 * and the acks each socket sends, recorded by token.
 */
final class StandInNotificationServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AttributeKey<String> TOKEN = AttributeKey.valueOf("token");

    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Set<String> refused;
    private final List<String> welcomed = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> acked = new ConcurrentHashMap<>();
    private final AtomicInteger awaitingWelcome = new AtomicInteger();
    private final AtomicInteger mostAwaitingWelcome = new AtomicInteger();
    private final Channel server;

    StandInNotificationServer(Set<String> refused) throws InterruptedException {
        this.refused = Set.copyOf(refused);
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new Upgrade(),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/ws/notifications").checkStartsWith(true).build()),
                                // Whole messages, as the server's endpoint gets them (a client may fragment a long one).
                                new WebSocketFrameAggregator(65536), new Frames());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
    }

    /** Sends {@code notification} to every open socket, as the server's {@code notification} message. */
    void broadcast(String notificationJson) {
        open.writeAndFlush(new TextWebSocketFrame("{\"type\":\"notification\",\"notification\":" + notificationJson + "}"));
    }

    /** The tokens of the sockets welcomed, in the order of their welcomes. */
    List<String> welcomed() {
        return welcomed;
    }

    /** The ids each token acknowledged. */
    Map<String, List<String>> acked() {
        return acked;
    }

    int openSockets() {
        return open.size();
    }

    /** The most upgrades at one moment that were waiting for their welcome (the client's connects under way). */
    int mostAwaitingWelcome() {
        return mostAwaitingWelcome.get();
    }

    @Override
    public void close() throws InterruptedException {
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** Refuses some tokens with 401 (as the server refuses a bad JWT) and remembers the token of the others. */
    private final class Upgrade extends SimpleChannelInboundHandler<FullHttpRequest> {

        Upgrade() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            List<String> token = new QueryStringDecoder(request.uri()).parameters().getOrDefault("access_token", List.of(""));
            if (refused.contains(token.get(0))) {
                request.release();
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.channel().attr(TOKEN).set(token.get(0));
            ctx.fireChannelRead(request);
        }
    }

    private final class Frames extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (!(event instanceof WebSocketServerProtocolHandler.HandshakeComplete)) {
                super.userEventTriggered(ctx, event);
                return;
            }
            mostAwaitingWelcome.accumulateAndGet(awaitingWelcome.incrementAndGet(), Math::max);
            // A moment's work before the welcome (the server attaches the socket to its feed), so connects overlap.
            ctx.executor().schedule(() -> {
                awaitingWelcome.decrementAndGet();
                open.add(ctx.channel());
                welcomed.add(ctx.channel().attr(TOKEN).get());
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"welcome\",\"userId\":\"u\",\"role\":\"operator\"}"));
            }, 20, TimeUnit.MILLISECONDS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws Exception {
            JsonNode message = JSON.readTree(frame.text());
            if ("ack".equals(message.path("type").asText())) {
                List<String> ids = acked.computeIfAbsent(ctx.channel().attr(TOKEN).get(), t -> new CopyOnWriteArrayList<>());
                message.path("ids").forEach(id -> ids.add(id.asText()));
            }
        }
    }
}
