package dev.dispatch.platform.grpc;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;

/**
 * Maximum age and keepalive of the HTTP/2 connections gRPC arrives on. Our servers serve gRPC on the shared Vert.x HTTP
 * server, where Quarkus applies none of grpc-java's server settings ({@code quarkus.grpc.server.netty.*} is for the
 * separate server only). A client balances over the connections it holds, so one that connected before a replica was
 * added would never use it: after {@code max-connection-age} (plus up to 10% jitter, so clients do not all reconnect at
 * once) the connection is sent a GOAWAY, calls under way get {@code max-connection-age-grace} to finish, and the client
 * reconnects, resolving the instances again. With {@code keep-alive-time} the server PINGs each connection that often
 * and closes one whose previous PING went unanswered: a client that vanished is let go. Off unless configured.
 */
@Singleton
public class ConnectionAge {

    @ConfigMapping(prefix = "dispatch.grpc.server")
    public interface Settings {

        /** How long an HTTP/2 connection may live before the server asks the client to move on (GOAWAY). */
        Optional<Duration> maxConnectionAge();

        /** How long calls under way on a connection sent GOAWAY may still take before it is closed. */
        @WithDefault("30S")
        Duration maxConnectionAgeGrace();

        /** How often the server PINGs each HTTP/2 connection to find clients that are gone. */
        Optional<Duration> keepAliveTime();
    }

    private final Settings settings;
    private final Vertx vertx;
    private final Map<HttpConnection, Boolean> watched = new ConcurrentHashMap<>();
    private final AtomicLong seen = new AtomicLong();

    ConnectionAge(Settings settings, Vertx vertx) {
        this.settings = settings;
        this.vertx = vertx;
    }

    void install(@Observes Router router) {
        if (settings.maxConnectionAge().isEmpty() && settings.keepAliveTime().isEmpty()) {
            return;
        }
        // First of all routes, gRPC's included: it only notes the connection and passes the request on.
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (context.request().version() == HttpVersion.HTTP_2) {
                HttpConnection connection = context.request().connection();
                if (watched.putIfAbsent(connection, Boolean.TRUE) == null) {
                    seen.incrementAndGet();
                    watch(connection);
                }
            }
            context.next();
        });
    }

    /** How many HTTP/2 connections it has seen since the start (for tests: a client that reconnected counts twice). */
    public long seen() {
        return seen.get();
    }

    private void watch(HttpConnection connection) {
        AtomicBoolean closed = new AtomicBoolean();
        settings.maxConnectionAge().ifPresent(age -> vertx.setTimer(jittered(age).toMillis(), id -> {
            long grace = settings.maxConnectionAgeGrace().toMillis();
            connection.shutdown(grace, TimeUnit.MILLISECONDS).onComplete(done -> forget(connection, closed));
        }));
        settings.keepAliveTime().ifPresent(every -> {
            AtomicBoolean awaitingPong = new AtomicBoolean();
            vertx.setPeriodic(every.toMillis(), id -> {
                if (closed.get()) {
                    vertx.cancelTimer(id);
                } else if (awaitingPong.getAndSet(true)) {
                    vertx.cancelTimer(id);
                    connection.close();
                    forget(connection, closed);
                } else {
                    connection.ping(Buffer.buffer(new byte[8])).onComplete(pong -> {
                        if (pong.succeeded()) {
                            awaitingPong.set(false);
                        } else {
                            vertx.cancelTimer(id);
                            forget(connection, closed);
                        }
                    });
                }
            });
        });
    }

    private void forget(HttpConnection connection, AtomicBoolean closed) {
        closed.set(true);
        watched.remove(connection);
    }

    static Duration jittered(Duration age) {
        return age.plusMillis(ThreadLocalRandom.current().nextLong(age.toMillis() / 10 + 1));
    }
}
