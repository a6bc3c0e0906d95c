package dev.dispatch.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

/** Bad options stop the command before it connects anywhere, with exit code 2 and the reason. */
class SimulatorCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--start=abc                          | Invalid value for option '--start': expected latitude,longitude",
        "--deliver-to=95,13                   | Invalid value for option '--deliver-to': latitude must be from -90 to 90, was 95.0",
        "--devices=0                          | devices must be from 1 to 100000, was 0",
        "--report-interval=0                  | Invalid value for option '--report-interval': expected a positive number of seconds, was '0'",
        "--report-interval=soon               | expected seconds (e.g. 2 or 0.5), was 'soon'",
        "--speed=-3                           | speed must be above 0",
        "--battery=120                        | battery must be from 0 to 100 %, was 120.0",
        "--cargo-temperature=500              | cargo temperature must be from -50 to 100 °C, was 500.0",
        "--id-prefix=bad/prefix-              | device id 'bad/prefix-1' must be 1 to 64 letters",
        "--route=scenic                       | --route must be streets or straight, was 'scenic'",
        "--port=70000                         | broker port must be from 1 to 65535, was 70000",
        "--load --metrics-url=ftp://x/metrics | --metrics-url must be an http(s) URL",
        "--metrics-url=http://x/q/metrics     | --metrics-url only makes sense with --load",
        "--load --deliver-to=52.5,13.4        | --deliver-to is for the demo, not for --load",
        "--unknown                            | Unknown option: '--unknown'",
        "--coap-sensors=2                     | give an operator's token with --operator-token or DISPATCH_OPERATOR_TOKEN",
        "--coap-sensors=-1                    | --coap-sensors must be from 0 to 10000, was -1",
        "--coap-sensors=2 --operator-token=t --tag-prefix=bad/ | sensor id 'bad/2' must be 1 to 64 letters",
        "--coap-sensors=2 --operator-token=t --coap-report-interval=4 | --coap-report-interval must be a whole number of seconds from 5 to 86400, was 4",
        "--coap-sensors=2 --operator-token=t --coap-battery=101 | --coap-battery must be from 0 to 100 %, was 101.0",
        "--coap-sensors=2 --operator-token=t --coaps-port=0 | CoAP ports must be from 1 to 65535, was 0",
        "--coap-sensors=2 --operator-token=t --gateway-url=ftp://gw | --gateway-url must be an http(s) URL, was 'ftp://gw'",
        "--coap-sensors=2 --load              | --coap-sensors is for the demo; with --coap-load say --sensors",
        "--devices=0 --coap-sensors=1 --operator-token=t --deliver-to=52.5,13.4 | --deliver-to needs a courier",
        "--load --coap-load                   | --load and --coap-load are two benchmarks: choose one",
        "--sensors=5                          | --sensors only makes sense with --coap-load",
        "--rate=5                             | --rate only makes sense with --coap-load",
        "--coap-load --operator-token=t --sensors=0 | --sensors must be from 1 to 10000, was 0",
        "--coap-load --operator-token=t --rate=0 | --rate must be above 0 and at most 100000 per second, was 0.0",
        "--coap-load --operator-token=t --metrics-url=ftp://x | --metrics-url must be an http(s) URL",
        "--operator-token=t --id-prefix=van. | device id 'van.1' cannot log in to the broker as itself: a device's login is 1 to 64 letters, digits, '_' or '-'",
        "--operator-token=t --gateway-url=ftp://gw | --gateway-url must be an http(s) URL, was 'ftp://gw'",
    })
    void badOptionsAreUsageErrors(String args, String message) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine command = new CommandLine(new SimulatorCommand(new PrintStream(out, true, StandardCharsets.UTF_8)))
                .setErr(new PrintWriter(err));

        int exitCode = command.execute(args.split(" "));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("Usage: device-simulator");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndTheEnvironmentVariables() {
        StringWriter help = new StringWriter();
        int exitCode = new CommandLine(new SimulatorCommand()).setOut(new PrintWriter(help)).execute("--help");

        assertThat(exitCode).isZero();
        assertThat(help.toString()).contains("--host", "DISPATCH_BROKER_HOST", "--port", "DISPATCH_BROKER_MQTT_PORT",
                "--user", "DISPATCH_BROKER_USER", "--password", "DISPATCH_BROKER_PASSWORD", "--devices", "--id-prefix",
                "--report-interval", "--speed", "--start", "--cargo-temperature", "--drift", "--battery", "--drain",
                "--deliver-to", "--duration", "--load", "--metrics-url", "--verbose",
                "--coap-sensors", "--tag-prefix", "--coap-host", "DISPATCH_COAP_HOST", "--coaps-port", "DISPATCH_COAPS_PORT",
                "--coap-port", "DISPATCH_COAP_PORT", "--coap-plain", "--coap-non", "--coap-cbor", "--coap-report-interval",
                "--coap-excursion", "--coap-battery", "--gateway-url", "DISPATCH_GATEWAY_URL", "--operator-token",
                "DISPATCH_OPERATOR_TOKEN", "--coap-load", "--sensors", "--rate");
    }
}
