package dev.dispatch.iot.mqtt;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Device presence from {@code devices/+/status}: {@code online} from the device, {@code offline} as its last will.
 * Storing presence and alerting comes with the iot-ingest issue; until then a status is acknowledged once seen.
 */
@ApplicationScoped
public class DeviceStatusConsumer {

    private static final Logger LOG = Logger.getLogger(DeviceStatusConsumer.class);

    @Incoming("device-status")
    public CompletionStage<Void> onStatus(Message<byte[]> status) {
        String topic = status.getMetadata(ReceivingMqttMessageMetadata.class).map(ReceivingMqttMessageMetadata::getTopic).orElse("?");
        LOG.debugf("device status on %s: %s", topic, new String(status.getPayload()));
        return status.ack();
    }
}
