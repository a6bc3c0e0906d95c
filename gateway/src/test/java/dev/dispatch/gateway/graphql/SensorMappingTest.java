package dev.dispatch.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Timestamp;

import dev.dispatch.gateway.graphql.type.ProvisionSensorInput;
import dev.dispatch.gateway.graphql.type.Sensor;
import dev.dispatch.gateway.graphql.type.SensorConfig;
import dev.dispatch.gateway.graphql.type.SensorCredentials;
import dev.dispatch.gateway.graphql.type.SensorReading;
import dev.dispatch.gateway.graphql.type.UpdateSensorConfigInput;
import dev.dispatch.gateway.model.ProvisionSensorRequest;
import dev.dispatch.gateway.model.UpdateSensorConfigRequest;

/** GraphQL's sensor types straight from SensorService's messages, and its inputs as the model's requests. */
class SensorMappingTest {

    private static final Timestamp NOON = Timestamp.newBuilder().setSeconds(1_764_676_800L).setNanos(5).build();
    private static final Instant AT_NOON = Instant.ofEpochSecond(1_764_676_800L, 5);
    private static final dev.dispatch.proto.sensor.v1.SensorConfig CONFIG = dev.dispatch.proto.sensor.v1.SensorConfig.newBuilder()
            .setReportIntervalSeconds(60).setMaxTemperatureC(6.5).setMaxShockG(2.5).setVersion(3).build();

    @Test
    void aSensorIsMappedFieldByField() {
        var reading = dev.dispatch.proto.sensor.v1.SensorReading.newBuilder().setSensorId("tag-1").setSensorTime(NOON).setReceivedAt(NOON)
                .setTemperatureC(4.5).setHumidityPercent(61).setShockG(0.3).setBatteryPercent(87.5).setOrderId("order-1").build();
        var proto = dev.dispatch.proto.sensor.v1.Sensor.newBuilder().setId("tag-1").setCourierDeviceId("courier-7").setConfig(CONFIG)
                .setCredentialsActive(true).setProvisionedAt(NOON).setLastSeenAt(NOON).setLatest(reading).setBoundOrderId("order-1").build();

        assertThat(GraphQLMapper.toGraphQL(proto)).isEqualTo(new Sensor("tag-1", "courier-7", new SensorConfig(60, 6.5, 2.5, 3), true,
                AT_NOON, AT_NOON, new SensorReading(AT_NOON, AT_NOON, 4.5, 61, 0.3, 87.5, "order-1"), "order-1"));
    }

    @Test
    void unsetAndEmptyFieldsAreNull() {
        var proto = dev.dispatch.proto.sensor.v1.Sensor.newBuilder().setId("tag-1").setConfig(CONFIG).build();
        assertThat(GraphQLMapper.toGraphQL(proto))
                .isEqualTo(new Sensor("tag-1", null, new SensorConfig(60, 6.5, 2.5, 3), false, null, null, null, null));
        assertThat(GraphQLMapper.toGraphQL(dev.dispatch.proto.sensor.v1.SensorReading.newBuilder().setTemperatureC(1).build()))
                .isEqualTo(new SensorReading(null, null, 1, 0, 0, 0, null));
    }

    @Test
    void credentialsCarryTheSensorAndItsKey() {
        var proto = dev.dispatch.proto.sensor.v1.SensorCredentials.newBuilder()
                .setSensor(dev.dispatch.proto.sensor.v1.Sensor.newBuilder().setId("tag-1").setConfig(CONFIG).setCredentialsActive(true))
                .setPskIdentity("tag-1").setPskKey("q3Rk8ZyB2mXw7LpN4vTd9HsC").build();
        SensorCredentials credentials = GraphQLMapper.toGraphQL(proto);
        assertThat(credentials.pskIdentity()).isEqualTo("tag-1");
        assertThat(credentials.pskKey()).isEqualTo("q3Rk8ZyB2mXw7LpN4vTd9HsC");
        assertThat(credentials.sensor().credentialsActive()).isTrue();
    }

    @Test
    void inputsAreTheModelsRequests() {
        assertThat(GraphQLMapper.toModel(new ProvisionSensorInput("tag-1", "courier-7", 60, 6.5, 2.5)))
                .isEqualTo(new ProvisionSensorRequest("tag-1", "courier-7", 60, 6.5, 2.5));
        assertThat(GraphQLMapper.toModel(new UpdateSensorConfigInput("tag-1", null, 6.5, null, "courier-8")))
                .isEqualTo(new UpdateSensorConfigRequest(null, 6.5, null, "courier-8"));
    }
}
