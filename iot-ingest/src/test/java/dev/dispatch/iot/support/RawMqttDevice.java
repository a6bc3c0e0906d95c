package dev.dispatch.iot.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.broker.TestBroker;
import dev.dispatch.testsupport.contracts.Contracts;

/**
 * A device that dies: an MQTT 3.1.1 connection written by hand over a plain socket (CONNECT with the contract's
 * last will, one PUBLISH of {@code online}), then the TCP connection closed without DISCONNECT — what a tracker
 * whose battery or network went does. The broker must then publish the will. (MQTT client libraries always send
 * DISCONNECT on close, which makes the broker discard the will.) Both payloads are checked against the MQTT contract.
 */
public final class RawMqttDevice implements AutoCloseable {

    private final Socket socket;

    private RawMqttDevice(String deviceId) throws IOException {
        TestBroker broker = ArtemisTestResource.broker();
        socket = new Socket(broker.host(), broker.mqttPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        String status = "devices/" + deviceId + "/status";
        out.write(connect("raw-" + deviceId, status, valid(status, "{\"status\":\"offline\"}"), broker.user(), broker.password()));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] connack = in.readNBytes(4);
        if (connack.length != 4 || connack[0] != 0x20 || connack[3] != 0) {
            throw new IOException("connection refused by the broker");
        }
        out.write(publishQos1(status, valid(status, "{\"status\":\"online\"}"), 1));
        out.flush();
        byte[] puback = in.readNBytes(4);
        if (puback.length != 4 || (puback[0] & 0xF0) != 0x40) {
            throw new IOException("no PUBACK for online");
        }
    }

    public static RawMqttDevice online(String deviceId) throws IOException {
        return new RawMqttDevice(deviceId);
    }

    /** Drops the TCP connection, no DISCONNECT: the broker publishes the last will. */
    public void die() throws IOException {
        socket.setSoLinger(true, 0); // RST rather than FIN: as abrupt as it gets
        socket.close();
    }

    @Override
    public void close() throws IOException {
        if (!socket.isClosed()) {
            socket.close();
        }
    }

    private static String valid(String topic, String payload) {
        Contracts.assertValidMqtt(topic, payload);
        return payload;
    }

    private static byte[] connect(String clientId, String willTopic, String will, String user, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        // user name, password, will retain, will QoS 1, will flag, clean session
        body.write(0x80 | 0x40 | 0x20 | 0x08 | 0x04 | 0x02);
        body.write(0);
        body.write(60); // keep alive, seconds
        string(body, clientId);
        string(body, willTopic);
        string(body, will);
        string(body, user);
        string(body, password);
        return packet(0x10, body.toByteArray());
    }

    private static byte[] publishQos1(String topic, String payload, int packetId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        return packet(0x32 | 0x01, body.toByteArray()); // PUBLISH, QoS 1, retained
    }

    private static byte[] packet(int type, byte[] body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(type);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
