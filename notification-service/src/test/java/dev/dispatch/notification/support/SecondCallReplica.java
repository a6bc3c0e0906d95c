package dev.dispatch.notification.support;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.config.CallsConfig;
import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.Party;
import dev.dispatch.notification.repository.CallRepository;
import dev.dispatch.notification.repository.ChangeListener;
import dev.dispatch.notification.repository.PreferenceRepository;
import dev.dispatch.notification.repository.PreferencesJson;
import dev.dispatch.notification.service.CallConnections;
import dev.dispatch.notification.service.CallHistory;
import dev.dispatch.notification.service.CallMessages;
import dev.dispatch.notification.service.CallPeer;
import dev.dispatch.notification.service.CallSignalFeed;
import dev.dispatch.notification.service.Calls;
import dev.dispatch.notification.signalling.SignalMessages;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The calls half of another notification-service instance, in the test JVM: the service's own call classes with a
 * connection pool and a LISTEN connection of their own on the same database, as another pod has. Its connections are
 * {@link Peer}s that record what they are sent (in place of WebSockets, which would need a second HTTP server).
 */
public final class SecondCallReplica implements AutoCloseable {

    private final Pool pool;
    private final ChangeListener changes;
    private final CallSignalFeed feed;
    private final Calls calls;
    private final ObjectMapper mapper;

    public SecondCallReplica(Vertx vertx, ObjectMapper mapper, NotificationConfig config, CallsConfig callsConfig, CallHistory history) {
        var settings = ConfigProvider.getConfig();
        String url = settings.getValue("quarkus.datasource.reactive.url", String.class);
        String user = settings.getValue("quarkus.datasource.username", String.class);
        String password = settings.getValue("quarkus.datasource.password", String.class);
        this.mapper = mapper;
        pool = Pool.newInstance(PgBuilder.pool()
                .connectingTo(PgConnectOptions.fromUri(url).setUser(user).setPassword(password))
                .using(vertx.getDelegate()).build());
        CallRepository repository = new CallRepository(pool);
        CallConnections connections = new CallConnections();
        changes = new ChangeListener(vertx, new PreferenceRepository(pool, new PreferencesJson(mapper)), url, user, password);
        feed = new CallSignalFeed(repository, connections, changes, config, vertx);
        // The history is written through the application's beans: which pool stores it does not matter here.
        calls = new Calls(repository, connections, new CallMessages(mapper), history, callsConfig, vertx);
    }

    public SecondCallReplica start() {
        feed.start();
        changes.start(new ChangeListener.Changes() {
            @Override
            public void notificationsStored() {
            }

            @Override
            public void preferencesMayHaveChanged() {
            }

            @Override
            public void preferencesChanged(PreferenceRepository.Change change) {
            }
        });
        org.awaitility.Awaitility.await().atMost(WsClient.WAIT).until(feed::started);
        return this;
    }

    /** A signalling connection of {@code party} on this replica. */
    public Peer connect(Party party) {
        return new Peer(party);
    }

    @Override
    public void close() {
        feed.stop();
        changes.stop();
        pool.closeAndAwait();
    }

    /** A connection on this replica: sends as a client would, records what it receives. */
    public final class Peer {
        private final List<JsonObject> received = new CopyOnWriteArrayList<>();
        private final CallPeer peer;

        Peer(Party party) {
            peer = calls.connected(UUID.randomUUID().toString(), party, new CallPeer.Sink() {
                @Override
                public Uni<Void> send(String text) {
                    received.add(new JsonObject(text));
                    return Uni.createFrom().voidItem();
                }

                @Override
                public void overflowed() {
                }
            });
        }

        public void send(JsonObject message) throws Exception {
            calls.received(peer, SignalMessages.parse(mapper, message.encode())).await().atMost(WsClient.WAIT);
        }

        public List<JsonObject> ofType(String type) {
            return received.stream().filter(m -> type.equals(m.getString("type"))).toList();
        }

        public JsonObject awaitType(String type, int n) {
            org.awaitility.Awaitility.await().atMost(WsClient.WAIT).until(() -> ofType(type).size() >= n);
            return ofType(type).get(n - 1);
        }

        public void disconnect() {
            calls.disconnected(peer).await().atMost(WsClient.WAIT);
        }
    }
}
