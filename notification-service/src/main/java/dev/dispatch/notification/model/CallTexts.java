package dev.dispatch.notification.model;

import java.time.Duration;

/**
 * The history line of an ended call, e.g. "Video call with the courier, 2 min 13 s." or "Missed audio call from the
 * courier." Told from the customer's side when the customer took part (it is their order's history), else neutrally
 * (an operator and a courier: operators only).
 */
public final class CallTexts {

    private CallTexts() {
    }

    public static String describe(Call call) {
        String kind = call.media() == Media.VIDEO ? "video call" : "audio call";
        Party customer = call.caller().role() == PartyRole.CUSTOMER ? call.caller()
                : call.callee().role() == PartyRole.CUSTOMER ? call.callee() : null;
        String order = " (order " + shortId(call.orderId()) + ")";
        if (customer != null) {
            Party other = customer == call.caller() ? call.callee() : call.caller();
            boolean outgoing = customer == call.caller();
            if (call.answered()) {
                return capitalized(kind) + " with " + the(other) + ", " + duration(call.talked()) + order + ".";
            }
            if (outgoing) {
                return capitalized(kind) + " to " + the(other) + (call.endReason() == EndReason.BUSY ? ": busy" : ": not answered") + order + ".";
            }
            return "Missed " + kind + " from " + the(other) + order + ".";
        }
        String between = named(call.caller()) + " and " + named(call.callee());
        if (call.answered()) {
            return capitalized(kind) + " between " + between + ", " + duration(call.talked()) + order + ".";
        }
        return capitalized(kind) + " from " + named(call.caller()) + " to " + named(call.callee()) + " not answered" + order + ".";
    }

    /**
     * The line in the order's chat room, which its customer, courier and operators share: told from nobody's side,
     * e.g. "Video call from the customer to the courier: 2 min 13 s."
     */
    public static String forRoom(Call call) {
        String kind = call.media() == Media.VIDEO ? "Video call" : "Audio call";
        String how = call.answered() ? duration(call.talked())
                : call.endReason() == EndReason.BUSY ? "busy" : "not answered";
        return kind + " from " + role(call.caller()) + " to " + role(call.callee()) + ": " + how + ".";
    }

    private static String role(Party party) {
        return party.role() == PartyRole.OPERATOR ? "an operator" : "the " + party.role().key();
    }

    /** "2 min 13 s", "45 s", "1 h 2 min". */
    public static String duration(Duration talked) {
        long seconds = Math.max(0, talked.toSeconds());
        long h = seconds / 3600;
        long min = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + " h " + min + " min";
        }
        return min > 0 ? min + " min " + s + " s" : s + " s";
    }

    private static String the(Party party) {
        return switch (party.role()) {
            case COURIER -> "the courier";
            case OPERATOR -> "an operator";
            case CUSTOMER -> "the customer";
        };
    }

    private static String named(Party party) {
        return party.role().key() + " " + party.id();
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
