package dev.dispatch.loadgen.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

import io.grpc.MethodDescriptor;

/**
 * OrderService.PlaceOrder's two messages on the wire, written and read with protobuf's own coder by the field numbers
 * of proto/src/main/resources/order.proto. The proto module holds only the .proto files (every service generates its
 * stubs through Quarkus), and the load generator needs one request and two fields of the answer; PlaceOrderCodecTest
 * checks these numbers against the .proto file. Who the order is for is not in the request (its field 1, once the
 * caller, is reserved): it is the subject of the internal token the call carries (see OrdersGrpc).
 */
public final class PlaceOrderCodec {

    static final String METHOD = "dispatch.order.v1.OrderService/PlaceOrder";

    // PlaceOrderRequest
    static final int REQUEST_IDEMPOTENCY_KEY = 2;
    static final int REQUEST_ITEMS = 3;
    static final int REQUEST_CURRENCY = 4;
    static final int REQUEST_DELIVERY_ADDRESS = 5;
    static final int REQUEST_PAYMENT_TOKEN = 6;
    // OrderItem
    static final int ITEM_SKU = 1;
    static final int ITEM_NAME = 2;
    static final int ITEM_QUANTITY = 3;
    static final int ITEM_UNIT_PRICE_MINOR = 4;
    // DeliveryAddress
    static final int ADDRESS_STREET = 1;
    static final int ADDRESS_CITY = 2;
    static final int ADDRESS_POSTAL_CODE = 3;
    static final int ADDRESS_COUNTRY = 4;
    static final int ADDRESS_LATITUDE = 5;
    static final int ADDRESS_LONGITUDE = 6;
    // Order (the answer)
    static final int ORDER_ID = 1;
    static final int ORDER_STATUS = 3;

    /** The answer's two fields the benchmark looks at; status is OrderStatus's number (2 is PAID). */
    public record PlacedOrder(String id, int status) {
    }

    private PlaceOrderCodec() {
    }

    /** The benchmark's order (see OrderBodies); the customer is the one the call's internal token names. */
    public static byte[] request(String idempotencyKey) {
        return message(out -> {
            out.writeString(REQUEST_IDEMPOTENCY_KEY, idempotencyKey);
            out.writeBytes(REQUEST_ITEMS, message(item -> {
                item.writeString(ITEM_SKU, OrderBodies.SKU);
                item.writeString(ITEM_NAME, OrderBodies.NAME);
                item.writeInt32(ITEM_QUANTITY, OrderBodies.QUANTITY);
                item.writeInt64(ITEM_UNIT_PRICE_MINOR, OrderBodies.UNIT_PRICE_MINOR);
            }));
            out.writeString(REQUEST_CURRENCY, OrderBodies.CURRENCY);
            out.writeBytes(REQUEST_DELIVERY_ADDRESS, message(address -> {
                address.writeString(ADDRESS_STREET, OrderBodies.STREET);
                address.writeString(ADDRESS_CITY, OrderBodies.CITY);
                address.writeString(ADDRESS_POSTAL_CODE, OrderBodies.POSTAL_CODE);
                address.writeString(ADDRESS_COUNTRY, OrderBodies.COUNTRY);
                address.writeDouble(ADDRESS_LATITUDE, OrderBodies.LATITUDE);
                address.writeDouble(ADDRESS_LONGITUDE, OrderBodies.LONGITUDE);
            }));
            out.writeString(REQUEST_PAYMENT_TOKEN, OrderBodies.PAYMENT_TOKEN);
        }).toByteArray();
    }

    public static PlacedOrder placedOrder(byte[] order) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(order);
            String id = "";
            int status = 0;
            int tag;
            while ((tag = in.readTag()) != 0) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (field == ORDER_ID && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    id = in.readString();
                } else if (field == ORDER_STATUS && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                    status = in.readEnum();
                } else {
                    in.skipField(tag);
                }
            }
            return new PlacedOrder(id, status);
        } catch (IOException e) {
            throw new UncheckedIOException("not an Order message", e);
        }
    }

    /** The method as gRPC calls it, carrying the messages as bytes. */
    static MethodDescriptor<byte[], byte[]> method() {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(METHOD).setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
    }

    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static ByteString message(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return ByteString.copyFrom(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
