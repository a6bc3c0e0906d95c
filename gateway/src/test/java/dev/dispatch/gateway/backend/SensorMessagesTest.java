package dev.dispatch.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.model.ProvisionSensorRequest;
import dev.dispatch.gateway.model.UpdateSensorConfigRequest;
import dev.dispatch.proto.sensor.v1.Sensor;
import dev.dispatch.proto.sensor.v1.SensorConfig;

class SensorMessagesTest {

    @Test
    void whatIsLeftOutOfAProvisioningIsUnsetSoIotIngestAppliesItsDefaults() {
        var request = SensorMessages.provisionRequest(new ProvisionSensorRequest("tag-1", null, null, null, null));
        assertThat(request.getSensorId()).isEqualTo("tag-1");
        assertThat(request.getCourierDeviceId()).isEmpty();
        assertThat(request.hasReportIntervalSeconds()).isFalse();
        assertThat(request.hasMaxTemperatureC()).isFalse();
        assertThat(request.hasMaxShockG()).isFalse();
    }

    @Test
    void everyGivenValueOfAProvisioningIsPassedOn() {
        var request = SensorMessages.provisionRequest(new ProvisionSensorRequest("tag-1", "courier-7", 60, 0.0, 2.5));
        assertThat(request.getCourierDeviceId()).isEqualTo("courier-7");
        assertThat(request.getReportIntervalSeconds()).isEqualTo(60);
        // Zero is a value, not "left out".
        assertThat(request.hasMaxTemperatureC()).isTrue();
        assertThat(request.getMaxTemperatureC()).isZero();
        assertThat(request.getMaxShockG()).isEqualTo(2.5);
    }

    @Test
    void aChangeSetsOnlyWhatChanges() {
        var shock = SensorMessages.updateRequest("tag-1", new UpdateSensorConfigRequest(null, null, 2.5, null));
        assertThat(shock.getSensorId()).isEqualTo("tag-1");
        assertThat(shock.hasMaxShockG()).isTrue();
        assertThat(shock.hasReportIntervalSeconds()).isFalse();
        assertThat(shock.hasMaxTemperatureC()).isFalse();
        assertThat(shock.getCourierDeviceId()).as("empty keeps the courier").isEmpty();

        var all = SensorMessages.updateRequest("tag-1", new UpdateSensorConfigRequest(30, -18.0, 1.0, "courier-8"));
        assertThat(all.getReportIntervalSeconds()).isEqualTo(30);
        assertThat(all.getMaxTemperatureC()).isEqualTo(-18.0);
        assertThat(all.getMaxShockG()).isEqualTo(1.0);
        assertThat(all.getCourierDeviceId()).isEqualTo("courier-8");
    }

    @Test
    void aSensorWithoutConfigurationIsTheBackendsFault() {
        SensorConfig config = SensorConfig.newBuilder().setReportIntervalSeconds(300).setVersion(1).build();
        assertThat(SensorMessages.config(Sensor.newBuilder().setId("tag-1").setConfig(config).build())).isEqualTo(config);
        assertThatThrownBy(() -> SensorMessages.config(Sensor.newBuilder().setId("tag-1").build()))
                .isInstanceOf(UnknownAnswer.class)
                .hasMessage("The sensor service answered with a sensor without its configuration");
    }
}
