package dev.dispatch.payment.grpc;

import dev.dispatch.platform.grpc.SpecEncodedStatusMessages;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Error messages that clients in any language read as written, "order_id: is required" (see the superclass). */
@GlobalInterceptor
@ApplicationScoped
public class StatusMessages extends SpecEncodedStatusMessages {
}
