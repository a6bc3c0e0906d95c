package dev.dispatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * k8s/base/xmpp/prosody.cfg.lua, as the checks read it: the variables it reads with their defaults, and the ports
 * Prosody opens for an environment. One file, used by the tests, bin/run, Compose and Kubernetes.
 */
class ProsodyConfigTest {

    @Test
    void thereIsOneProsodyConfigurationInTheRepository() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.root())) {
            List<String> copies = files
                    .filter(file -> file.getFileName().toString().endsWith(".cfg.lua"))
                    .map(file -> Repo.root().relativize(file).toString())
                    .filter(path -> !path.startsWith(".") && !path.contains("/target/") && !path.startsWith("target/"))
                    .toList();
            assertThat(copies).containsExactly(Prosody.FILE);
        }
    }

    @Test
    void itReadsTheVariablesTheChecksRelyOnWithTheirDefaults() {
        Prosody prosody = Prosody.read();
        assertThat(prosody.variables()).containsEntry("DISPATCH_XMPP_C2S_PORT", "5222").containsEntry("DISPATCH_XMPP_HTTP_PORT", "5280")
                .containsEntry("DISPATCH_XMPP_COMPONENT_PORT", "5347").containsEntry(Prosody.INTERFACES, "127.0.0.1")
                .containsEntry(Prosody.RUN_AS_ROOT, "false").containsEntry(Prosody.COMPONENT_SECRET, null)
                .containsEntry("DISPATCH_XMPP_DATA_DIR", "/var/lib/prosody");
        // The bot's password is not Prosody's: prosodyctl registers the account with it.
        assertThat(prosody.reads("DISPATCH_XMPP_BOT_PASSWORD")).isFalse();
        // The component port opens only with a secret: the checks assume this guard.
        assertThat(Prosody.withoutComments(Repo.read(Prosody.FILE)).replaceAll("\\s+", " "))
                .contains("if devices_secret then component_ports = { lua.tonumber(env(\"DISPATCH_XMPP_COMPONENT_PORT\", \"5347\")) }")
                .contains("else component_ports = {} end");
    }

    @Test
    void itDocumentsEveryVariableItReads() {
        String header = Repo.read(Prosody.FILE).lines().takeWhile(line -> line.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
        assertThat(Prosody.read().variables().keySet()).allSatisfy(name -> assertThat(header).as("the header comment").contains(name));
    }

    @Test
    void theComponentPortOpensOnlyWithASecret() {
        Prosody prosody = Prosody.read();
        assertThat(prosody.listening(Set.of(), Map.of())).isEqualTo(Map.of("c2s", 5222, "http", 5280));
        assertThat(prosody.listening(Set.of(Prosody.COMPONENT_SECRET), Map.of())).containsEntry("component", 5347);
        assertThat(prosody.listening(Set.of(Prosody.COMPONENT_SECRET), Map.of(Prosody.COMPONENT_SECRET, ""))).doesNotContainKey("component");
        assertThat(prosody.listening(Set.of(), Map.of("DISPATCH_XMPP_C2S_PORT", "15222"))).containsEntry("c2s", 15222);
    }

    @Test
    void commentedOutReadsAndCommandsAreReadAsProsodyAndTheShellWould() {
        Prosody prosody = Prosody.parse("""
                -- env("DISPATCH_XMPP_OLD", "x")
                --[[ getenv("DISPATCH_XMPP_OLDER") ]]
                local a = env("DISPATCH_XMPP_A", "--not a comment") -- a comment
                local b = getenv("DISPATCH_XMPP_B")
                """);
        assertThat(prosody.variables()).containsOnlyKeys("DISPATCH_XMPP_A", "DISPATCH_XMPP_B")
                .containsEntry("DISPATCH_XMPP_A", "--not a comment");
        String command = "/bin/sh -c prosodyctl --config /etc/dispatch/prosody.cfg.lua register \"$DISPATCH_XMPP_BOT\" \"${DISPATCH_XMPP_DOMAIN}\""
                + " && exec prosody --config /etc/dispatch/prosody.cfg.lua -F";
        assertThat(Prosody.configFiles(command)).containsExactly("/etc/dispatch/prosody.cfg.lua");
        assertThat(Prosody.commandVariables(command)).containsExactly("DISPATCH_XMPP_BOT", "DISPATCH_XMPP_DOMAIN");
    }
}
