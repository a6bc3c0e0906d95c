package dev.dispatch.order.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CloudEvents 1.0 event in structured mode: this record, as JSON, is the whole AMQP body
 * (content type {@code application/cloudevents+json}). Schema: {@code schemas/order-event.v1.json}.
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
    public static final String SOURCE = "/order-service";
    public static final String DATA_CONTENT_TYPE = "application/json";
}
