package dev.dispatch.loadgen.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ws-fanout's N WebSockets to /ws/notifications, socket i as user i (the server keeps unacked marks per user): their
 * tokens are signed on a few threads while the connects go on, at most {@code concurrency} connects are under way at
 * once, and all share one HttpClient (its I/O on a small pool of threads) and one ack thread. All or nothing: once
 * one socket fails to open, no more are started, the open ones are closed, and {@link #open} fails saying why.
 */
final class NotificationSockets implements AutoCloseable {

    private final NotificationSocket[] sockets;
    private final ScheduledExecutorService acks = Executors.newSingleThreadScheduledExecutor(daemon("ws-fanout-acks"));
    private final Histogram connectTimes = new Histogram(3);
    private long connectingNanos;

    private NotificationSockets(int clients) {
        this.sockets = new NotificationSocket[clients];
    }

    /**
     * Opens {@code clients} sockets, socket i with {@code token.apply(i)}, each acknowledging every {@code ackInterval}
     * (from a random moment within the first, so the acks spread over it); {@code onNotification} gets each
     * notification with the number of the socket it came on. {@code progress} hears how far it got, once a second.
     */
    static NotificationSockets open(URI notifications, int clients, IntFunction<String> token, int concurrency,
            Duration ackInterval, ObjIntConsumer<JsonNode> onNotification, Consumer<String> progress)
            throws IOException, InterruptedException {
        NotificationSockets pool = new NotificationSockets(clients);
        // HTTP/1.1: a WebSocket upgrade. A fixed pool rather than the default cached one, which would start a thread
        // per socket when an event reaches thousands of them at the same moment.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("ws-fanout-io")))
                .build();
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        int signers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService signing = Executors.newFixedThreadPool(signers, daemon("ws-fanout-sign"));
        long start = System.nanoTime();
        for (int s = 0; s < signers; s++) {
            signing.execute(() -> {
                for (int i = next.getAndIncrement(); i < clients && failure.get() == null; i = next.getAndIncrement()) {
                    int client = i;
                    String signed;
                    try {
                        signed = token.apply(client);
                        slots.acquire();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, "could not sign a token: " + e.getMessage());
                        return;
                    } catch (InterruptedException e) {
                        failure.compareAndSet(null, "interrupted");
                        return;
                    }
                    long began = System.nanoTime();
                    try {
                        NotificationSocket.connect(http, notifications, signed, n -> onNotification.accept(n, client), pool.acks,
                                ackInterval, Duration.ofNanos(1 + ThreadLocalRandom.current().nextLong(ackInterval.toNanos())))
                                .whenComplete((socket, e) -> {
                                    if (e == null) {
                                        pool.opened(client, socket, System.nanoTime() - began);
                                        opened.incrementAndGet();
                                    } else {
                                        Throwable why = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                                        failure.compareAndSet(null, "socket " + client + ": " + why.getMessage());
                                    }
                                    slots.release();
                                });
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, "socket " + client + ": " + e);
                        slots.release();
                        return;
                    }
                }
            });
        }
        signing.shutdown();
        while (!signing.awaitTermination(1, TimeUnit.SECONDS)) {
            progress.accept(line(opened.get(), clients, concurrency - slots.availablePermits(), start));
        }
        // Every connect under way has ended once all the slots are free again.
        while (!slots.tryAcquire(concurrency, 1, TimeUnit.SECONDS)) {
            progress.accept(line(opened.get(), clients, concurrency - slots.availablePermits(), start));
        }
        pool.connectingNanos = System.nanoTime() - start;
        if (failure.get() != null) {
            pool.close();
            throw new IOException(String.format("%d of %d WebSockets opened, then %s", opened.get(), clients, failure.get()));
        }
        return pool;
    }

    private static String line(int opened, int clients, int underWay, long start) {
        return String.format("connecting: %d of %d open, %d under way, %.0f s", opened, clients, underWay,
                (System.nanoTime() - start) / 1e9);
    }

    private void opened(int client, NotificationSocket socket, long nanos) {
        synchronized (connectTimes) {
            sockets[client] = socket;
            connectTimes.recordValue(nanos);
        }
    }

    int size() {
        return sockets.length;
    }

    /** From the first connect started to the last one's welcome. */
    Duration connecting() {
        return Duration.ofNanos(connectingNanos);
    }

    /** Each socket's time from its connect starting to the server's welcome, in nanoseconds. */
    Histogram connectTimes() {
        synchronized (connectTimes) {
            return connectTimes.copy();
        }
    }

    /** The sockets that stopped working since they opened (closed by the server, broken, ...), by reason. */
    Map<String, Long> failures() {
        Map<String, Long> byReason = new TreeMap<>();
        for (NotificationSocket socket : open()) {
            String failure = socket.failure();
            if (failure != null) {
                byReason.merge(failure, 1L, Long::sum);
            }
        }
        return byReason;
    }

    private NotificationSocket[] open() {
        synchronized (connectTimes) {
            return Arrays.stream(sockets).filter(Objects::nonNull).toArray(NotificationSocket[]::new);
        }
    }

    /** Closes every socket at once (each sends its last acks first) and waits at most 30 s for all of them. */
    @Override
    public void close() {
        CompletableFuture<?>[] closing = Arrays.stream(open()).map(NotificationSocket::closeAsync).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(closing).orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        acks.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
