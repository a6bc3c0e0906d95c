package dev.dispatch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The AMQP channels are the event addresses of the broker's configuration (k8s/base/broker/broker.xml, the one every
 * run uses), and every consumer queue there is the queue of a receive operation of the document, named in its
 * description (queues are {@code <address>.<service>}).
 */
class BrokerAddressesTest {

    private static final Path BROKER_XML = Documents.FOLDER.resolve("../k8s/base/broker/broker.xml").normalize();
    private static final JsonNode DOC = Documents.asyncApi();

    @Test
    void amqpChannelsAreTheBrokersEventAddresses() throws Exception {
        assertThat(amqpChannels().keySet()).isEqualTo(queuesByAddress().keySet());
    }

    @Test
    void everyConsumerQueueIsAReceiveOperationOfItsService() throws Exception {
        Map<String, String> channels = amqpChannels();
        queuesByAddress().forEach((address, queues) -> {
            String channelName = channels.get(address);
            assertThat(DOC.at("/channels/" + channelName + "/description").asText()).as(address + " names its queues")
                    .contains(queues.stream().map(queue -> address + "::" + queue).toList());
            Set<String> receivers = new TreeSet<>();
            DOC.path("operations").forEach(operation -> {
                if (operation.path("action").asText().equals("receive")
                        && operation.at("/channel/$ref").asText().equals("#/channels/" + channelName)) {
                    String service = operation.at("/tags/0/name").asText();
                    receivers.add(address + "." + service);
                    assertThat(operation.path("description").asText()).as(service + " on " + address).contains(address + "." + service);
                }
            });
            assertThat(receivers).as("the consumers of " + address).isEqualTo(new TreeSet<>(queues));
        });
    }

    // address -> the AsyncAPI channel's name, for the channels on the AMQP server
    private static Map<String, String> amqpChannels() {
        Map<String, String> channels = new LinkedHashMap<>();
        DOC.path("channels").fields().forEachRemaining(entry -> {
            if (entry.getValue().at("/servers/0/$ref").asText().equals("#/servers/amqp")) {
                channels.put(entry.getValue().path("address").asText(), entry.getKey());
            }
        });
        return channels;
    }

    private static Map<String, List<String>> queuesByAddress() throws Exception {
        assertThat(Files.exists(BROKER_XML)).as(BROKER_XML.toString()).isTrue();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document broker = factory.newDocumentBuilder().parse(BROKER_XML.toFile());
        Map<String, List<String>> queues = new LinkedHashMap<>();
        NodeList addresses = broker.getElementsByTagNameNS("*", "address");
        for (int i = 0; i < addresses.getLength(); i++) {
            Element address = (Element) addresses.item(i);
            List<String> names = new ArrayList<>();
            NodeList queueElements = address.getElementsByTagNameNS("*", "queue");
            for (int j = 0; j < queueElements.getLength(); j++) {
                names.add(((Element) queueElements.item(j)).getAttribute("name"));
            }
            queues.put(address.getAttribute("name"), names);
        }
        return queues;
    }
}
