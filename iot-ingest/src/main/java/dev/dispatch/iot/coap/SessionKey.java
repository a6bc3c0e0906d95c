package dev.dispatch.iot.coap;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.Map;

import org.eclipse.californium.elements.auth.AdditionalInfo;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.scandium.auth.ApplicationLevelInfoSupplier;

/**
 * Which key a DTLS session was made with, kept in the session's principal: the PSK store hands a fingerprint of the
 * key to the handshake, and Californium stores it in the principal when the handshake completes. A change of the
 * sensor's credentials then ends only the sessions under an older key: the change's notification can arrive after the
 * sensor already made a session with its new key, which must live on.
 */
final class SessionKey implements ApplicationLevelInfoSupplier {

    private static final String FINGERPRINT = "dispatch.key-fingerprint";

    /** A short, one-way fingerprint of the key (the key itself never goes into the principal). */
    static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether the principal is a session of this sensor made with a key other than {@code current} (null: any key). */
    static boolean isOlderSessionOf(Principal principal, String sensorId, String current) {
        if (!(principal instanceof PreSharedKeyIdentity psk) || !sensorId.equals(psk.getIdentity())) {
            return false;
        }
        return current == null || !current.equals(psk.getExtendedInfo().get(FINGERPRINT, String.class));
    }

    @Override
    public AdditionalInfo getInfo(Principal clientIdentity, Object customArgument) {
        return customArgument instanceof String fingerprint ? AdditionalInfo.from(Map.of(FINGERPRINT, fingerprint)) : AdditionalInfo.empty();
    }
}
