package dev.dispatch.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PostgreSQL side: the databases the init script creates, and the variables the official image reads. */
final class Postgres {

    static final String INIT_SCRIPT = "k8s/base/postgres/init-databases.sql";
    static final int PORT = 5432;
    static final Set<String> IMAGE_ENV = Set.of("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "PGDATA",
            "POSTGRES_INITDB_ARGS");

    private Postgres() {
    }

    static Set<String> databases() {
        Set<String> databases = new TreeSet<>();
        Matcher matcher = Pattern.compile("(?im)^\\s*CREATE DATABASE\\s+([a-z_][a-z0-9_]*)\\s*;").matcher(Repo.read(INIT_SCRIPT));
        while (matcher.find()) {
            databases.add(matcher.group(1));
        }
        return databases;
    }
}
