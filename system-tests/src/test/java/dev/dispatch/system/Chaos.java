package dev.dispatch.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Crashes the parts of a running system one at a time on a schedule: after a warm-up, each target is killed, left
 * down for a while, started again, and only once everything is ready again (and a pause later) is the next one killed.
 * Closing it stops the schedule where it is (a step in progress is interrupted).
 */
final class Chaos implements AutoCloseable {

    /** A step that may fail, e.g. a restart that does not become ready in time. */
    interface Step {
        void run() throws Exception;
    }

    /** What can be crashed and how it comes back (the restart returns once it is ready). */
    record Target(String name, Step kill, Step restart) {
    }

    /** One crash: when it was killed and when the whole system was ready again. */
    record Kill(String target, Instant killedAt, Instant readyAgainAt) {
        Duration outage() {
            return Duration.between(killedAt, readyAgainAt);
        }
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "chaos"));
    private final CompletableFuture<List<Kill>> done;

    private Chaos(List<Target> targets, Duration warmUp, Duration down, Duration between, Step awaitAllReady) {
        done = schedule(targets, warmUp, down, between, awaitAllReady);
    }

    /** Starts the schedule on a thread of its own. */
    static Chaos start(List<Target> targets, Duration warmUp, Duration down, Duration between, Step awaitAllReady) {
        return new Chaos(targets, warmUp, down, between, awaitAllReady);
    }

    /** Completes with the crashes once the last pause is over, or fails with the first step that failed (nothing after it runs). */
    CompletableFuture<List<Kill>> done() {
        return done;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private CompletableFuture<List<Kill>> schedule(List<Target> targets, Duration warmUp, Duration down, Duration between,
            Step awaitAllReady) {
        List<Kill> kills = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> schedule = CompletableFuture.runAsync(() -> { }, after(warmUp, thread));
        for (Target target : targets) {
            Instant[] killedAt = new Instant[1];
            schedule = schedule
                    .thenRunAsync(() -> {
                        killedAt[0] = Instant.now();
                        unchecked(target.kill());
                    }, thread)
                    .thenRunAsync(() -> {
                        unchecked(target.restart());
                        unchecked(awaitAllReady);
                        kills.add(new Kill(target.name(), killedAt[0], Instant.now()));
                    }, after(down, thread))
                    .thenRunAsync(() -> { }, after(between, thread));
        }
        return schedule.<List<Kill>>thenApply(over -> List.copyOf(kills)).whenComplete((result, failure) -> thread.shutdown());
    }

    private static Executor after(Duration delay, ExecutorService thread) {
        // the delay runs on the JDK's timer; the step itself on the schedule's thread
        return CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, thread);
    }

    private static void unchecked(Step step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
