package dev.dispatch.iot.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CloudEvents 1.0 event in structured mode: this record, as JSON, is the whole AMQP body
 * (content type {@code application/cloudevents+json}). Schemas: {@code schemas/delivery-event.v1.json},
 * {@code schemas/device-alert.v1.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        String time,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String SOURCE = "/iot-ingest";
    public static final String DATA_CONTENT_TYPE = "application/json";
}
