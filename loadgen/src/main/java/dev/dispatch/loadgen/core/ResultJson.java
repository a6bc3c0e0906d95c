package dev.dispatch.loadgen.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The run's result as JSON: written to a file for later comparison, and read back. */
public final class ResultJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    public static String write(RunResult result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (IOException e) {
            throw new IllegalStateException("could not write the result as JSON", e);
        }
    }

    public static void write(RunResult result, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, write(result) + "\n");
    }

    public static RunResult read(String json) throws IOException {
        return JSON.readValue(json, RunResult.class);
    }
}
