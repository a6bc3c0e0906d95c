package dev.dispatch.iot.coap;

import java.net.InetSocketAddress;
import java.util.Arrays;

import javax.crypto.SecretKey;

import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;

import dev.dispatch.iot.model.DeviceIds;
import dev.dispatch.iot.repository.SensorCredentialStore;

/**
 * The DTLS server's pre-shared keys: the identity is the sensor id, the key the sensor's active one from the
 * database, looked up without blocking the DTLS thread (the result handler is called later from an event loop, never
 * from the thread that asked). No key (unknown identity, revoked, database away) gives a null secret: the handshake
 * fails and Californium answers nothing, on purpose. Such failures are counted here ({@code unknown-identity},
 * {@code unavailable}); a wrong key fails later, inside Californium, silently and uncounted.
 */
final class SensorPskStore implements AdvancedPskStore {

    private final SensorCredentialStore credentials;
    private final CoapMetrics metrics;
    private volatile HandshakeResultHandler handler;

    SensorPskStore(SensorCredentialStore credentials, CoapMetrics metrics) {
        this.credentials = credentials;
        this.metrics = metrics;
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return false; // only the plain PSK suites are configured
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName, PskPublicInformation identity, String hmacAlgorithm,
            SecretKey otherSecret, byte[] seed, boolean useExtendedMasterSecret) {
        String sensorId = identity.getPublicInfoAsString();
        if (!DeviceIds.isValid(sensorId)) {
            metrics.rejected(CoapRejection.UNKNOWN_IDENTITY, "DTLS handshake under an identity that is no sensor id");
            return new PskSecretResult(cid, identity, null);
        }
        Reactive.run(() -> credentials.activeKey(sensorId),
                key -> {
                    if (key == null) {
                        metrics.rejected(CoapRejection.UNKNOWN_IDENTITY, "DTLS handshake of sensor " + sensorId + ", which has no active key");
                        handler.apply(new PskSecretResult(cid, identity, null));
                    } else {
                        SecretKey secret = SecretUtil.create(key, PskSecretResult.ALGORITHM_PSK); // fresh: the handshaker destroys it
                        String fingerprint = SessionKey.fingerprint(key); // into the session's principal, see SessionKey
                        Arrays.fill(key, (byte) 0);
                        handler.apply(new PskSecretResult(cid, identity, secret, fingerprint));
                    }
                },
                failure -> {
                    metrics.rejected(CoapRejection.UNAVAILABLE, "DTLS handshake of sensor " + sensorId + ": its key cannot be read (" + failure + ")");
                    handler.apply(new PskSecretResult(cid, identity, null));
                });
        return null; // the result follows through the handler
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return null; // client side only
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        this.handler = resultHandler;
    }
}
