package dev.dispatch.iot.coap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;

/** Error answers with a diagnostic payload (text/plain, RFC 7252 5.5.2): what a human reading coap-client's output needs. */
final class Responses {

    private Responses() {
    }

    static void diagnostic(CoapExchange exchange, ResponseCode code, String text) {
        exchange.respond(response(code, text));
    }

    /** With Max-Age: when the client may try again (4.29, 5.03). */
    static void retryLater(CoapExchange exchange, ResponseCode code, String text, long seconds) {
        Response response = response(code, text);
        response.getOptions().setMaxAge(seconds);
        exchange.respond(response);
    }

    private static Response response(ResponseCode code, String text) {
        Response response = new Response(code);
        response.setPayload(text);
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        return response;
    }
}
