package dev.dispatch.notification.service;

import dev.dispatch.notification.model.Preferences;
import dev.dispatch.notification.repository.PreferenceRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reading and replacing a user's preferences; a replacement applies to their open streams on every replica. */
@ApplicationScoped
public class PreferenceService {

    private final PreferenceRepository repository;
    private final PreferenceCache cache;

    public PreferenceService(PreferenceRepository repository, PreferenceCache cache) {
        this.repository = repository;
        this.cache = cache;
    }

    public Uni<Preferences> of(String userId) {
        return repository.find(userId).map(stored -> stored.orElse(Preferences.ALL_ON));
    }

    /**
     * Stores the preferences (other replicas learn of it by NOTIFY) and applies them here before answering, so
     * the caller's next notification already follows them.
     */
    public Uni<Preferences> replace(String userId, Preferences preferences) {
        return repository.save(userId, preferences)
                .invoke(() -> cache.changed(userId, preferences))
                .replaceWith(preferences);
    }
}
