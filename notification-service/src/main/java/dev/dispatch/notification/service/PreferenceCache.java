package dev.dispatch.notification.service;

import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.dispatch.notification.model.Preferences;
import dev.dispatch.notification.repository.PreferenceRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The preferences of the users connected to this replica, in memory, because they are consulted for every
 * notification and every connection. A change made on any replica arrives by NOTIFY (see {@link NotificationFeed})
 * and applies to the next notification: open streams follow it at once.
 */
@ApplicationScoped
public class PreferenceCache {

    private static final Logger LOG = Logger.getLogger(PreferenceCache.class);

    private static final class Entry {
        Preferences preferences = Preferences.ALL_ON;
        int connections;
        long version; // bumped by every change, so a slower load never overwrites a newer change
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final PreferenceRepository repository;

    public PreferenceCache(PreferenceRepository repository) {
        this.repository = repository;
    }

    /** Holds the user's preferences while a connection of theirs is open; pair with {@link #release}, also on failure. */
    public Uni<Preferences> acquire(String userId) {
        long version;
        synchronized (this) {
            Entry entry = entries.computeIfAbsent(userId, id -> new Entry());
            entry.connections++;
            version = entry.version;
        }
        return load(userId, version);
    }

    public synchronized void release(String userId) {
        Entry entry = entries.get(userId);
        if (entry != null && --entry.connections <= 0) {
            entries.remove(userId);
        }
    }

    /** The user's preferences as of now (all on for a user with no connection here). */
    public synchronized Preferences current(String userId) {
        Entry entry = entries.get(userId);
        return entry == null ? Preferences.ALL_ON : entry.preferences;
    }

    /** A change, from this replica's REST call or any replica's NOTIFY. */
    public synchronized void changed(String userId, Preferences preferences) {
        Entry entry = entries.get(userId);
        if (entry != null) {
            entry.preferences = preferences;
            entry.version++;
        }
    }

    /** After the NOTIFY connection was lost: changes may have been missed, so read everyone's again. */
    public void reloadAll() {
        Map<String, Long> users = new HashMap<>();
        synchronized (this) {
            entries.forEach((user, entry) -> users.put(user, entry.version));
        }
        users.forEach((user, version) -> load(user, version).subscribe().with(
                ok -> { },
                failure -> LOG.debugf("cannot reload the preferences of %s: %s", user, failure.getMessage())));
    }

    private Uni<Preferences> load(String userId, long version) {
        return repository.find(userId)
                .map(stored -> stored.orElse(Preferences.ALL_ON))
                .invoke(loaded -> {
                    synchronized (this) {
                        Entry entry = entries.get(userId);
                        if (entry != null && entry.version == version) {
                            entry.preferences = loaded;
                        }
                    }
                })
                .map(loaded -> current(userId));
    }
}
