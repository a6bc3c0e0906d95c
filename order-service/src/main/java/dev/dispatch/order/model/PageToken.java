package dev.dispatch.order.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The ListOrders cursor: the (created_at, id) of the last order of a page, opaque to clients.
 * Microseconds, because that is what PostgreSQL keeps, so the cursor compares exactly.
 */
public record PageToken(OffsetDateTime createdAt, UUID id) {

    private static final String VERSION = "o1";

    public static PageToken after(Order last) {
        return new PageToken(last.createdAt(), last.id());
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt.toInstant());
        String plain = VERSION + ":" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for an empty token; INVALID_ARGUMENT for one this service did not make. */
    public static PageToken decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("unknown token format");
            }
            OffsetDateTime createdAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
            return new PageToken(createdAt, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw OrderRejected.invalid("page_token", "is not a token from a previous ListOrders response");
        }
    }
}
