package dev.dispatch.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real embedded server: initdb once, passwords like a real server's, and the data still there after a restart. */
class LocalPostgresTest {

    @TempDir
    Path dir;

    @Test
    void logsInWithThePasswordOnlyAndKeepsItsDataAcrossRestarts() throws Exception {
        DevPostgresOptions options = new DevPostgresOptions(dir.resolve("data"), 0, "dispatch", "s3cret'x", null, false, false);
        int port;
        try (LocalPostgres postgres = LocalPostgres.start(options)) {
            port = postgres.port();
            assertThat(postgres.version()).startsWith("14.");
            try (Connection c = connect(port, "dispatch", "s3cret'x"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('first run')");
            }
            assertThatThrownBy(() -> connect(postgres.port(), "dispatch", "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> connect(postgres.port(), "postgres", "").close()).isInstanceOf(SQLException.class);
        }

        try (LocalPostgres again = LocalPostgres.start(options);
                Connection c = connect(again.port(), "postgres", "s3cret'x"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("first run");
        }
    }

    @Test
    void movesToAFreePortWhenThePreferredOneIsTaken() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName(LocalPostgres.HOST))) {
            DevPostgresOptions options = new DevPostgresOptions(dir.resolve("data"), squatter.getLocalPort(), "postgres",
                    "postgres", null, false, false);
            try (LocalPostgres postgres = LocalPostgres.start(options)) {
                assertThat(postgres.port()).isNotEqualTo(squatter.getLocalPort());
                connect(postgres.port(), "postgres", "postgres").close();
                assertThat(postgres.connectionInfo()).containsEntry("port", String.valueOf(postgres.port()))
                        .containsEntry("host", "127.0.0.1").containsKey("version");
            }
        }
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", user, password);
    }
}
