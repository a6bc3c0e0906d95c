package dev.dispatch.iot.mqtt;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.dispatch.iot.model.Command;
import dev.dispatch.iot.service.CommandChannel;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.mqtt.SendingMqttMessageMetadata;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Commands down to devices through one MQTT emitter ({@code device-commands}); each message names its own topic,
 * devices/{deviceId}/commands, at QoS 1, not retained (a command is for now, not for whoever subscribes later).
 * The payload is {@link #payload}, as {@code contracts/mqtt/commands.json} has it.
 */
@ApplicationScoped
public class CommandPublisher implements CommandChannel {

    private static final java.time.Duration SEND_TIMEOUT = java.time.Duration.ofSeconds(5);

    private final MutinyEmitter<byte[]> emitter;

    CommandPublisher(@Channel("device-commands") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    @Override
    public Uni<Void> send(Command command) {
        SendingMqttMessageMetadata topic = new SendingMqttMessageMetadata(DeviceTopics.commands(command.deviceId()), MqttQoS.AT_LEAST_ONCE,
                false);
        // Bounded: with the broker away the caller gets UNAVAILABLE (or the order event a redelivery), not a hang.
        return emitter.sendMessage(Message.of(payload(command), Metadata.of(topic))).ifNoItem().after(SEND_TIMEOUT).fail();
    }

    /** The command as it goes on the wire: {@code {"commandId","type","arguments":{...},"sentAt"}}, UTF-8 JSON. */
    public static byte[] payload(Command command) {
        JsonObject arguments = new JsonObject();
        command.arguments().forEach(arguments::put);
        return new JsonObject()
                .put("commandId", command.commandId().toString())
                .put("type", command.type())
                .put("arguments", arguments)
                .put("sentAt", command.sentAt().toString())
                .toBuffer().getBytes();
    }
}
