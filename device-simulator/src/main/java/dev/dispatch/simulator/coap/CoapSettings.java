package dev.dispatch.simulator.coap;

import java.time.Duration;

import dev.dispatch.simulator.contract.CoapContract;

/**
 * How sensors reach iot-ingest's CoAP server.
 *
 * @param host           iot-ingest
 * @param port           its coaps port ({@code secure}) or its plain coap port
 * @param secure         coaps, DTLS 1.2 with each sensor's pre-shared key; plain coap is for the local demo only
 * @param confirmable    CON requests (retransmitted until acknowledged) or NON (sent once, for readings one can lose)
 * @param contentFormat  {@link CoapContract#JSON} or {@link CoapContract#CBOR}
 * @param requestTimeout how long a request may go unanswered (retransmissions and the DTLS handshake included)
 */
public record CoapSettings(String host, int port, boolean secure, boolean confirmable, int contentFormat, Duration requestTimeout) {

    public CoapSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("CoAP host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("CoAP port must be from 1 to 65535, was " + port);
        }
        if (contentFormat != CoapContract.JSON && contentFormat != CoapContract.CBOR) {
            throw new IllegalArgumentException("content format must be 50 (JSON) or 60 (CBOR), was " + contentFormat);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive");
        }
    }

    /** coaps, CON, JSON, 30 s for an answer (the DTLS handshake and two retransmissions fit). */
    public static CoapSettings secure(String host, int port) {
        return new CoapSettings(host, port, true, true, CoapContract.JSON, Duration.ofSeconds(30));
    }

    public static CoapSettings plain(String host, int port) {
        return new CoapSettings(host, port, false, true, CoapContract.JSON, Duration.ofSeconds(30));
    }

    public CoapSettings withConfirmable(boolean value) {
        return new CoapSettings(host, port, secure, value, contentFormat, requestTimeout);
    }

    public CoapSettings withContentFormat(int value) {
        return new CoapSettings(host, port, secure, confirmable, value, requestTimeout);
    }

    public CoapSettings withRequestTimeout(Duration value) {
        return new CoapSettings(host, port, secure, confirmable, contentFormat, value);
    }

    public String scheme() {
        return secure ? CoapContract.SECURE_SCHEME : CoapContract.SCHEME;
    }

    public String uri(String path) {
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme() + "://" + authority + ":" + port + "/" + path;
    }

    @Override
    public String toString() {
        return scheme() + "://" + host + ":" + port + (confirmable ? "" : " (NON)")
                + (contentFormat == CoapContract.CBOR ? " CBOR" : "");
    }
}
