package dev.dispatch.notification.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import org.jboss.logging.Logger;

import dev.dispatch.notification.config.XmppConfig;
import dev.dispatch.notification.model.ChatRole;
import dev.dispatch.notification.model.ChatRoom;
import dev.dispatch.notification.model.XmppAddress;
import dev.dispatch.notification.repository.ChatRepository;
import dev.dispatch.notification.xmpp.XmppBot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Short-lived XMPP credentials: the account is made on first need, each session gets a fresh random password
 * (never stored: the account's record holds only until when it works), and after that the account is re-keyed to a
 * random password nobody knows (a session already signed in stays). An operator's account is also made a member of
 * every room there is (rooms opened later include the operators at once).
 */
@ApplicationScoped
public class ChatCredentials {

    private static final Logger LOG = Logger.getLogger(ChatCredentials.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ROOMS_LISTED = 100;
    private static final int REKEYS_PER_ROUND = 50;

    /** What OpenChatSession answers. */
    public record Session(String jid, String password, Instant expiresAt, List<ChatRoom> rooms) {
    }

    /** A user id that cannot be an XMPP address. */
    public static class InvalidUser extends RuntimeException {
        public InvalidUser(String message) {
            super(message);
        }
    }

    private final XmppBot bot;
    private final ChatRepository repository;
    private final XmppConfig config;
    private final Clock clock;

    public ChatCredentials(XmppBot bot, ChatRepository repository, XmppConfig config) {
        this.bot = bot;
        this.repository = repository;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    public Uni<Session> open(String userId, ChatRole role) {
        validate(userId);
        String password = randomPassword();
        Instant expiresAt = clock.instant().plus(config.credentialTtl()).truncatedTo(ChronoUnit.SECONDS);
        // Recorded before the password is set: if this replica dies in between, the expiry still re-keys the account.
        return repository.recordCredential(userId, role, expiresAt)
                .chain(() -> bot.setPassword(userId, password))
                .chain(() -> role == ChatRole.OPERATOR ? joinAllRooms(userId) : Uni.createFrom().voidItem())
                .chain(() -> rooms(userId, role))
                .map(rooms -> new Session(userId + "@" + config.domain(), password, expiresAt, rooms));
    }

    public Uni<List<ChatRoom>> rooms(String userId, ChatRole role) {
        validate(userId);
        return repository.rooms(userId, role, ROOMS_LISTED);
    }

    /** Replaces every expired password by a random one nobody knows; the number done. */
    public Uni<Integer> rekeyExpired() {
        return repository.dueForRekey(REKEYS_PER_ROUND).chain(users -> ChatRelay.each(users,
                user -> bot.setPassword(user, randomPassword()).chain(() -> repository.rekeyed(user))
                        .invoke(() -> LOG.debugf("chat credential of %s expired; account re-keyed", user)))
                .replaceWith(users.size()));
    }

    private Uni<Void> joinAllRooms(String operator) {
        return repository.allRooms(1000).chain(rooms -> ChatRelay.each(rooms,
                room -> bot.grantMembership(room.localpart(), operator)));
    }

    private void validate(String userId) {
        XmppAddress.problem(userId, config.bot()).ifPresent(problem -> {
            throw new InvalidUser("user_id " + problem);
        });
    }

    /** 144 random bits. */
    static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
