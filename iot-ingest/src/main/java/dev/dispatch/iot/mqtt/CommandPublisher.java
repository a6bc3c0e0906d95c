package dev.dispatch.iot.mqtt;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.mqtt.SendingMqttMessageMetadata;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import dev.dispatch.iot.service.Command;

/**
 * Commands down to devices through one MQTT emitter ({@code device-commands}); each message names its own topic,
 * devices/{deviceId}/commands, at QoS 1, not retained (a command is for now, not for whoever subscribes later).
 */
@ApplicationScoped
public class CommandPublisher {

    private static final java.time.Duration SEND_TIMEOUT = java.time.Duration.ofSeconds(5);

    private final MutinyEmitter<byte[]> emitter;

    CommandPublisher(@Channel("device-commands") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(Command command) {
        JsonObject arguments = new JsonObject();
        command.arguments().forEach(arguments::put);
        JsonObject body = new JsonObject()
                .put("commandId", command.commandId().toString())
                .put("type", command.type())
                .put("arguments", arguments)
                .put("sentAt", command.sentAt().toString());
        SendingMqttMessageMetadata topic = new SendingMqttMessageMetadata(DeviceTopics.commands(command.deviceId()), MqttQoS.AT_LEAST_ONCE,
                false);
        // Bounded: with the broker away the caller gets UNAVAILABLE (or the order event a redelivery), not a hang.
        return emitter.sendMessage(Message.of(body.toBuffer().getBytes(), Metadata.of(topic))).ifNoItem().after(SEND_TIMEOUT).fail();
    }
}
