package dev.dispatch.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

/** The hand-written coder against the contract: order.proto of the proto module, read as text. */
class PlaceOrderCodecTest {

    private static final Path ORDER_PROTO = Path.of("..", "proto", "src", "main", "resources", "order.proto");
    private static final Pattern MESSAGE = Pattern.compile("(?m)^(message|enum) (\\w+) \\{([^}]*)\\}");
    private static final Pattern FIELD = Pattern.compile("(?m)^\\s*(?:optional |repeated )?(?:[\\w.]+ )?(\\w+) = (\\d+);");
    private static final Pattern RESERVED = Pattern.compile("(?m)^\\s*reserved ([^;]+);");

    @Test
    void theFieldNumbersAreTheContractsOnes() throws Exception {
        Map<String, Integer> contract = new HashMap<>();
        Matcher message = MESSAGE.matcher(Files.readString(ORDER_PROTO));
        while (message.find()) {
            Matcher field = FIELD.matcher(message.group(3));
            while (field.find()) {
                contract.put(message.group(2) + "." + field.group(1), Integer.parseInt(field.group(2)));
            }
        }
        assertThat(PlaceOrderCodec.METHOD).isEqualTo("dispatch.order.v1.OrderService/PlaceOrder");
        assertThat(Files.readString(ORDER_PROTO)).contains("package dispatch.order.v1;",
                "rpc PlaceOrder(PlaceOrderRequest) returns (Order);");
        assertThat(contract).containsEntry("PlaceOrderRequest.idempotency_key", PlaceOrderCodec.REQUEST_IDEMPOTENCY_KEY)
                .containsEntry("PlaceOrderRequest.items", PlaceOrderCodec.REQUEST_ITEMS)
                .containsEntry("PlaceOrderRequest.currency", PlaceOrderCodec.REQUEST_CURRENCY)
                .containsEntry("PlaceOrderRequest.delivery_address", PlaceOrderCodec.REQUEST_DELIVERY_ADDRESS)
                .containsEntry("PlaceOrderRequest.payment_token", PlaceOrderCodec.REQUEST_PAYMENT_TOKEN)
                .containsEntry("OrderItem.sku", PlaceOrderCodec.ITEM_SKU)
                .containsEntry("OrderItem.name", PlaceOrderCodec.ITEM_NAME)
                .containsEntry("OrderItem.quantity", PlaceOrderCodec.ITEM_QUANTITY)
                .containsEntry("OrderItem.unit_price_minor", PlaceOrderCodec.ITEM_UNIT_PRICE_MINOR)
                .containsEntry("DeliveryAddress.street", PlaceOrderCodec.ADDRESS_STREET)
                .containsEntry("DeliveryAddress.city", PlaceOrderCodec.ADDRESS_CITY)
                .containsEntry("DeliveryAddress.postal_code", PlaceOrderCodec.ADDRESS_POSTAL_CODE)
                .containsEntry("DeliveryAddress.country", PlaceOrderCodec.ADDRESS_COUNTRY)
                .containsEntry("DeliveryAddress.latitude", PlaceOrderCodec.ADDRESS_LATITUDE)
                .containsEntry("DeliveryAddress.longitude", PlaceOrderCodec.ADDRESS_LONGITUDE)
                .containsEntry("Order.id", PlaceOrderCodec.ORDER_ID)
                .containsEntry("Order.status", PlaceOrderCodec.ORDER_STATUS)
                .containsEntry("OrderStatus.ORDER_STATUS_PAID", 2);
    }

    /** The caller comes from the internal token: a request that could name one again would let clients pick it. */
    @Test
    void theCallersOldFieldStaysReserved() throws Exception {
        Matcher message = MESSAGE.matcher(Files.readString(ORDER_PROTO));
        String placeOrderRequest = null;
        while (message.find()) {
            if (message.group(2).equals("PlaceOrderRequest")) {
                placeOrderRequest = message.group(3);
            }
        }
        assertThat(placeOrderRequest).as("message PlaceOrderRequest in order.proto").isNotNull();
        List<String> reserved = new ArrayList<>();
        Matcher statement = RESERVED.matcher(placeOrderRequest);
        while (statement.find()) {
            for (String part : statement.group(1).split(",")) {
                reserved.add(part.strip());
            }
        }
        assertThat(reserved).contains("1", "\"caller\"");
        Matcher field = FIELD.matcher(placeOrderRequest);
        while (field.find()) {
            assertThat(field.group(1)).isNotEqualTo("caller");
            assertThat(field.group(2)).isNotEqualTo("1");
        }
    }

    @Test
    void theRequestCarriesTheKeyAndTheOrderAndNoCaller() throws Exception {
        byte[] request = PlaceOrderCodec.request("bench-run-7");

        CodedInputStream in = CodedInputStream.newInstance(request);
        Map<Integer, Object> fields = new HashMap<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            assertThat(WireFormat.getTagWireType(tag)).isEqualTo(WireFormat.WIRETYPE_LENGTH_DELIMITED);
            fields.put(WireFormat.getTagFieldNumber(tag), in.readBytes());
        }
        assertThat(fields).containsOnlyKeys(2, 3, 4, 5, 6);
        assertThat(((com.google.protobuf.ByteString) fields.get(2)).toStringUtf8()).isEqualTo("bench-run-7");
        assertThat(((com.google.protobuf.ByteString) fields.get(4)).toStringUtf8()).isEqualTo("EUR");
        assertThat(((com.google.protobuf.ByteString) fields.get(6)).toStringUtf8()).isEqualTo("tok_approve");
    }

    @Test
    void readsTheIdAndStatusOfAnOrderAndSkipsTheRest() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(1, "0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b");
        out.writeString(2, "bench-1");
        out.writeEnum(3, 2);
        out.writeDouble(9, 8.0);
        out.writeInt64(13, 2);
        out.flush();

        PlaceOrderCodec.PlacedOrder order = PlaceOrderCodec.placedOrder(bytes.toByteArray());

        assertThat(order).isEqualTo(new PlaceOrderCodec.PlacedOrder("0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b", 2));
    }
}
