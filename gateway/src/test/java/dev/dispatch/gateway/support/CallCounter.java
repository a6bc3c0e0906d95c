package dev.dispatch.gateway.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts a fake's calls per method, and per method and key, so that tests can say how many calls a request cost. */
final class CallCounter {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    void count(String method, String key) {
        counts.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
        counts.computeIfAbsent(method + ":" + key, k -> new AtomicInteger()).incrementAndGet();
    }

    int calls(String method) {
        return counts.getOrDefault(method, new AtomicInteger()).get();
    }

    int calls(String method, String key) {
        return counts.getOrDefault(method + ":" + key, new AtomicInteger()).get();
    }
}
