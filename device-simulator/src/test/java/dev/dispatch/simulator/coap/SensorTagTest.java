package dev.dispatch.simulator.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.simulator.contract.CoapContract;
import dev.dispatch.simulator.contract.CoapPayloads;
import dev.dispatch.simulator.contract.SensorCredentials;
import dev.dispatch.simulator.device.SensorSettings;
import dev.dispatch.simulator.support.MutableClock;
import dev.dispatch.simulator.support.RecordingTagListener;
import dev.dispatch.simulator.support.TinyCoapServer;
import dev.dispatch.testsupport.contracts.Contracts;

/**
 * Sensor tags against a real Californium server in the test JVM, over real UDP and DTLS: what they send and how,
 * what they keep while nobody answers and how they send it afterwards, how they take refusals, and their observed
 * configuration. (That iot-ingest itself takes all of this is the system tests' job.)
 */
class SensorTagTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    /** Long, so that the tests decide when a tag wakes (wakeNow) unless a configuration says otherwise. */
    private static final SensorSettings SLOW = SensorSettings.defaults().withReportInterval(Duration.ofSeconds(60));

    private final TinyCoapServer server = new TinyCoapServer();
    private final RecordingTagListener listener = new RecordingTagListener();
    private final List<TagFleet> fleets = new ArrayList<>();

    @AfterEach
    void tearDown() {
        fleets.forEach(TagFleet::close);
        server.close();
    }

    @Test
    void aReadingGoesOverCoapsWithTheSensorsOwnKeyAsAConfirmableJsonPostThatConformsToTheContract() {
        server.key("tag-1", "k3yOfTag1abcdefghijklmno");
        server.initialConfig("tag-1", 60);
        SensorTag tag = start(coaps(), credentials("tag-1", "k3yOfTag1abcdefghijklmno", "courier-1")).tag("tag-1");

        tag.wakeNow();

        await().atMost(BOUND).until(() -> listener.storedReadings() >= 1);
        assertThat(server.received("tag-1")).isNotEmpty().allSatisfy(received -> {
            assertThat(received.pskIdentity()).isEqualTo("tag-1");
            assertThat(received.type()).isEqualTo(Type.CON);
            assertThat(received.contentFormat()).isEqualTo(CoapContract.JSON);
            Contracts.assertValidCoap("sensors/tag-1/readings", received.payload());
        });
        Contracts.assertValid("coap/reading.json", server.received("tag-1").get(0).text());
        await().atMost(BOUND).untilAsserted(() -> assertThat(listener.applied).singleElement()
                .satisfies(applied -> assertThat(applied.config().version()).isEqualTo(1)));
        assertThat(tag.reportInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void nonConfirmableCborOverPlainCoapWhenAsked() {
        SensorTag tag = start(plain().withConfirmable(false).withContentFormat(CoapContract.CBOR),
                credentials("tag-2", "unused-on-plain-coap-xyz", "")).tag("tag-2");

        tag.wakeNow();

        await().atMost(BOUND).until(() -> listener.storedReadings() >= 1);
        assertThat(server.received("tag-2")).isNotEmpty().allSatisfy(received -> {
            assertThat(received.pskIdentity()).isNull();
            assertThat(received.type()).isEqualTo(Type.NON);
            assertThat(received.contentFormat()).isEqualTo(CoapContract.CBOR);
            Contracts.assertValidCoap("sensors/tag-2/readings", Contracts.COAP_CBOR, received.payload());
        });
    }

    @Test
    void whileNobodyAnswersReadingsAreKeptAndThenGoAsOneBlockwiseBatchInTheOrderTheyWereTaken() {
        server.key("tag-3", "k3yOfTag3abcdefghijklmno");
        server.answerWith(null, null);
        SensorTag tag = start(coaps(), credentials("tag-3", "k3yOfTag3abcdefghijklmno", "")).tag("tag-3");

        for (int i = 0; i < 12; i++) {
            tag.wakeNow(); // the first goes out and gets no answer; the rest wait behind it
        }
        await().atMost(BOUND).until(() -> !listener.kept.isEmpty());
        assertThat(listener.kept.get(0).reason()).startsWith("no answer");
        assertThat(tag.buffered()).isGreaterThanOrEqualTo(12);

        server.answerNormally();
        tag.wakeNow();

        await().atMost(BOUND).until(() -> tag.buffered() == 0);
        RecordingTagListener.Stored batch = listener.stored.get(listener.stored.size() - 1);
        assertThat(batch.batch()).isTrue();
        assertThat(batch.blockwise()).isTrue();
        assertThat(batch.bytes()).isGreaterThan(1024);
        assertThat(server.block1Messages()).isGreaterThan(1);
        TinyCoapServer.Received last = server.received("tag-3").get(server.received("tag-3").size() - 1);
        Contracts.assertValidCoap("sensors/tag-3/readings", last.payload());
        JsonNode readings = CoapPayloads.tree(last.payload(), CoapContract.JSON);
        assertThat(readings.isArray()).isTrue();
        // Nothing lost, nothing twice, oldest first: exactly the readings the tag took.
        assertThat(readings.size()).isEqualTo(listener.taken.size()).isEqualTo(batch.count());
        for (int i = 0; i < readings.size(); i++) {
            assertThat(readings.get(i).get("time").asText()).isEqualTo(listener.taken.get(i).time());
            assertThat(readings.get(i).get("temperatureC").asDouble()).isEqualTo(listener.taken.get(i).temperatureC());
        }
        // The first attempt (one reading, unanswered) reached the server too: the batch starts with it again.
        assertThat(server.received("tag-3").get(0).text()).startsWith("{");
    }

    @Test
    void aServiceUnavailableAnswerKeepsTheReadingsAndTheyAreSentAgainAfterMaxAge() {
        server.answerWith(ResponseCode.SERVICE_UNAVAILABLE, "database down");
        SensorTag tag = start(plain(), credentials("tag-4", "unused-on-plain-coap-xyz", "")).tag("tag-4");

        tag.wakeNow();

        await().atMost(BOUND).until(() -> !listener.kept.isEmpty());
        assertThat(listener.kept.get(0).reason()).isEqualTo("5.03 Service Unavailable: database down (retry after 1 s)");
        server.answerNormally();
        // No wake needed: the tag tries again once Max-Age (1 s) is over, well before its 60 s interval.
        await().atMost(BOUND).until(() -> listener.storedReadings() >= 1);
        assertThat(tag.buffered()).isZero();
    }

    @Test
    void aRefusedReadingIsDroppedAndNeverSentAgain() {
        server.answerWith(ResponseCode.BAD_REQUEST, "temperatureC: must be from -40 to 85");
        SensorTag tag = start(plain(), credentials("tag-5", "unused-on-plain-coap-xyz", "")).tag("tag-5");

        tag.wakeNow();

        await().atMost(BOUND).until(() -> !listener.dropped.isEmpty());
        assertThat(listener.dropped.get(0)).isEqualTo(new RecordingTagListener.Note("tag-5", 1,
                "4.00 Bad Request: temperatureC: must be from -40 to 85"));
        assertThat(tag.buffered()).isZero();

        server.answerNormally();
        tag.wakeNow();
        await().atMost(BOUND).until(() -> listener.storedReadings() == 1);
        List<TinyCoapServer.Received> received = server.received("tag-5");
        assertThat(received).hasSize(2);
        assertThat(received.get(1).text()).startsWith("{").isNotEqualTo(received.get(0).text());
    }

    @Test
    void aBufferedReadingOlderThanADayIsDroppedRatherThanFailItsBatch() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        server.answerWith(null, null);
        TagFleet fleet = new TagFleet(List.of(credentials("tag-11", "unused-on-plain-coap-xyz", "")), SLOW, plain(), listener, clock);
        fleets.add(fleet);
        fleet.start();
        SensorTag tag = fleet.tag("tag-11");
        tag.wakeNow();
        await().atMost(BOUND).until(() -> !listener.kept.isEmpty());

        clock.advance(Duration.ofHours(25));
        server.answerNormally();
        tag.wakeNow();

        await().atMost(BOUND).until(() -> listener.storedReadings() == 1);
        assertThat(listener.dropped).containsExactly(new RecordingTagListener.Note("tag-11", 1,
                "taken more than 24 h ago: iot-ingest would refuse them"));
        TinyCoapServer.Received last = server.received("tag-11").get(server.received("tag-11").size() - 1);
        assertThat(CoapPayloads.tree(last.payload(), CoapContract.JSON).get("time").asText()).isEqualTo("2026-12-03T11:00:00Z");
    }

    @Test
    void aWrongKeyGetsNoAnswerAtAllAndTheReadingIsKept() {
        server.key("tag-6", "theRightKeyOfTag6abcdefg");
        SensorTag tag = start(coaps(), credentials("tag-6", "aWrongKeyForTag6abcdefgh", "")).tag("tag-6");

        tag.wakeNow();

        await().atMost(BOUND).until(() -> !listener.kept.isEmpty());
        assertThat(listener.kept.get(0).reason()).startsWith("no answer");
        assertThat(tag.buffered()).isEqualTo(1);
        assertThat(server.received("tag-6")).isEmpty();
    }

    @Test
    void itObservesItsConfigurationAndAppliesANewReportIntervalAtOnce() {
        server.key("tag-7", "k3yOfTag7abcdefghijklmno");
        server.initialConfig("tag-7", 1);
        SensorTag tag = start(coaps(), credentials("tag-7", "k3yOfTag7abcdefghijklmno", "")).tag("tag-7");

        // Version 1 (1 s instead of the 60 s it was started with) applies at once: readings every second.
        await().atMost(BOUND).until(() -> server.received("tag-7").size() >= 3);
        assertThat(listener.applied.get(0).previousInterval()).contains(Duration.ofSeconds(60));
        assertThat(server.observers("tag-7")).isEqualTo(1);

        server.config("tag-7", 2, 2);

        await().atMost(BOUND).until(() -> listener.applied.size() == 2);
        assertThat(listener.applied.get(1).config().version()).isEqualTo(2);
        assertThat(listener.applied.get(1).previousInterval()).contains(Duration.ofSeconds(1));
        assertThat(tag.reportInterval()).isEqualTo(Duration.ofSeconds(2));
        int before = server.received("tag-7").size();
        await().atMost(BOUND).until(() -> server.received("tag-7").size() >= before + 3);
        List<TinyCoapServer.Received> after = server.received("tag-7").subList(before, before + 3);
        assertThat(Duration.between(after.get(0).at(), after.get(2).at())).isGreaterThan(Duration.ofMillis(3200));

        // The same configuration again (a re-sent notification) changes nothing.
        server.notifyAgain("tag-7");
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> listener.applied.size() == 2);
        assertThat(listener.configProblems).isEmpty();
    }

    @Test
    void aCourierDoorEventJoltsTheTagsRidingWithItOnly() {
        TagFleet fleet = start(plain(), credentials("tag-8", "unused-on-plain-coap-xyz", "courier-1"),
                credentials("tag-9", "unused-on-plain-coap-xyz", "courier-2"));

        fleet.doorEvent("courier-1", true);
        fleet.tag("tag-8").wakeNow();
        fleet.tag("tag-9").wakeNow();

        await().atMost(BOUND).until(() -> listener.storedReadings() >= 2);
        assertThat(listener.shocks).singleElement().satisfies(shock -> {
            assertThat(shock.sensorId()).isEqualTo("tag-8");
            assertThat(shock.courierDeviceId()).isEqualTo("courier-1");
            assertThat(shock.g()).isBetween(5.0, 8.0);
        });
        double jolted = CoapPayloads.tree(server.received("tag-8").get(0).payload(), CoapContract.JSON).get("shockG").asDouble();
        double calm = CoapPayloads.tree(server.received("tag-9").get(0).payload(), CoapContract.JSON).get("shockG").asDouble();
        assertThat(jolted).isEqualTo(listener.shocks.get(0).g());
        assertThat(calm).isLessThan(1.0);
    }

    @Test
    void stoppingEndsTheObservationAtTheServer() {
        server.key("tag-10", "k3yOfTag10bcdefghijklmno");
        TagFleet fleet = start(coaps(), credentials("tag-10", "k3yOfTag10bcdefghijklmno", ""));
        await().atMost(BOUND).until(() -> server.observers("tag-10") == 1);

        fleet.close();

        await().atMost(BOUND).until(() -> server.observers("tag-10") == 0);
        assertThat(listener.stoppedTags).containsExactly("tag-10");
    }

    private TagFleet start(CoapSettings coap, SensorCredentials... sensors) {
        TagFleet fleet = new TagFleet(List.of(sensors), SLOW, coap, listener);
        fleets.add(fleet);
        fleet.start();
        return fleet;
    }

    private CoapSettings coaps() {
        return CoapSettings.secure("127.0.0.1", server.securePort()).withRequestTimeout(Duration.ofSeconds(2));
    }

    private CoapSettings plain() {
        return CoapSettings.plain("127.0.0.1", server.plainPort()).withRequestTimeout(Duration.ofSeconds(2));
    }

    private static SensorCredentials credentials(String id, String key, String courier) {
        return new SensorCredentials(id, id, key, courier);
    }
}
