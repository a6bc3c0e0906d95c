package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * How the checks read coturn (Coturn): turnserver.conf and the command line a container runs turnserver with, as
 * coturn would (the file first, the options over it), and the ports it then listens on.
 */
class CoturnTest {

    private static final String SHELL = "/bin/sh -c exec turnserver -c /etc/dispatch/turnserver.conf --listening-port=3478 "
            + "--static-auth-secret=\"$DISPATCH_TURN_SECRET\" --allowed-peer-ip=\"$(hostname -i | cut -d' ' -f1)\" --min-port=49160";

    @Test
    void theCommandLineIsReadAsTheShellAndCoturnWould() {
        List<String> arguments = Coturn.arguments(SHELL).orElseThrow();
        assertThat(arguments).containsExactly("-c", "/etc/dispatch/turnserver.conf", "--listening-port=3478",
                "--static-auth-secret=$DISPATCH_TURN_SECRET", "--allowed-peer-ip=$(hostname -i | cut -d' ' -f1)", "--min-port=49160");
        Map<String, List<String>> options = Coturn.options(arguments);
        assertThat(options).containsEntry("c", List.of("/etc/dispatch/turnserver.conf")).containsEntry("listening-port", List.of("3478"))
                .containsEntry("static-auth-secret", List.of("$DISPATCH_TURN_SECRET"));
        // A command substitution is no variable the container must be given.
        assertThat(Coturn.variables(SHELL)).containsExactly("DISPATCH_TURN_SECRET");
        assertThat(Coturn.variables("turnserver --static-auth-secret=$(DISPATCH_TURN_SECRET) --allowed-peer-ip=$(POD_IP)"))
                .containsExactly("DISPATCH_TURN_SECRET", "POD_IP");
        assertThat(Coturn.onlyVariable("$(DISPATCH_TURN_SECRET)")).contains("DISPATCH_TURN_SECRET");
        assertThat(Coturn.onlyVariable("${DISPATCH_TURN_SECRET}")).contains("DISPATCH_TURN_SECRET");
        assertThat(Coturn.onlyVariable("dispatch-$DISPATCH_TURN_SECRET")).isEmpty();
        assertThat(Coturn.arguments("prosody --config /etc/prosody.cfg.lua -F")).isEmpty();
        // Short and spaced forms; a flag takes no value.
        assertThat(Coturn.options(List.of("-p", "3479", "--no-udp", "--realm", "dispatch.local", "-c", "f.conf")))
                .containsEntry("listening-port", List.of("3479")).containsEntry("no-udp", List.of(""))
                .containsEntry("realm", List.of("dispatch.local")).containsEntry("c", List.of("f.conf"));
    }

    @Test
    void itListensOnTheListeningPortOnUdpAndTcpAndTheCommandLineWins() {
        Coturn conf = Coturn.read();
        assertThat(conf.settings()).containsKeys("use-auth-secret", "no-tls", "no-dtls").doesNotContainKey(Coturn.LISTENING_PORT);
        assertThat(conf.listening(Map.of())).containsExactly("3478/TCP", "3478/UDP");
        assertThat(conf.listening(SHELL, "UDP")).containsExactly(3478);
        assertThat(conf.listening("turnserver -c f -p 3479 --no-tcp", "TCP")).isEmpty();
        assertThat(conf.listening("turnserver -c f -p 3479 --no-tcp", "UDP")).containsExactly(3479);
        Coturn file = Coturn.parse("# a comment\nlistening-port=3480\nno-udp\n");
        assertThat(file.listening(Map.of())).containsExactly("3480/TCP");
        assertThat(file.listening(Map.of("listening-port", List.of("3481")))).containsExactly("3481/TCP");
        // -n: no configuration file at all.
        assertThat(file.listening(Map.of("n", List.of("")))).containsExactly("3478/TCP", "3478/UDP");
        // TLS and DTLS only with a certificate (without one coturn opens neither).
        assertThat(Coturn.parse("cert=/c.pem\npkey=/k.pem\n").listening(Map.of()))
                .containsExactly("3478/TCP", "3478/UDP", "5349/TCP", "5349/UDP");
        assertThat(Coturn.parse("cert=/c.pem\nno-dtls\n").listening(Map.of("tls-listening-port", List.of("443"))))
                .containsExactly("3478/TCP", "3478/UDP", "443/TCP");
    }
}
