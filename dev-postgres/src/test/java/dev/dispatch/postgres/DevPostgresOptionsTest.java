package dev.dispatch.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DevPostgresOptionsTest {

    @Test
    void defaultsAreWhatTheServicesExpect() {
        DevPostgresOptions options = DevPostgresOptions.parse(new String[0], Map.of());
        assertThat(options.preferredPort()).isEqualTo(5432);
        assertThat(options.user()).isEqualTo("postgres");
        assertThat(options.password()).isEqualTo("postgres");
        assertThat(options.dataDir()).isEqualTo(Path.of(".dispatch", "postgres"));
        assertThat(options.portsFile()).isNull();
    }

    @Test
    void flagsWinOverTheServicesVariables() {
        Map<String, String> env = Map.of("DISPATCH_DB_USER", "fromenv", "DISPATCH_DB_PASSWORD", "envpw");
        DevPostgresOptions fromEnv = DevPostgresOptions.parse(new String[] {"--port=0"}, env);
        assertThat(fromEnv.user()).isEqualTo("fromenv");
        assertThat(fromEnv.password()).isEqualTo("envpw");
        assertThat(fromEnv.preferredPort()).isZero();

        DevPostgresOptions flags = DevPostgresOptions.parse(
                new String[] {"--user", "flag", "--data-dir", "/tmp/pg", "--ports-file", "/tmp/pg.properties"}, env);
        assertThat(flags.user()).isEqualTo("flag");
        assertThat(flags.dataDir()).isEqualTo(Path.of("/tmp/pg"));
        assertThat(flags.portsFile()).isEqualTo(Path.of("/tmp/pg.properties"));
        assertThat(flags.toString()).doesNotContain("envpw");
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> DevPostgresOptions.parse(new String[] {"--port", "70000"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> DevPostgresOptions.parse(new String[] {"--user", "a; drop"}, Map.of()))
                .hasMessageContaining("--user");
        assertThatThrownBy(() -> DevPostgresOptions.parse(new String[] {"--nope", "x"}, Map.of()))
                .hasMessageContaining("unknown option --nope");
    }
}
