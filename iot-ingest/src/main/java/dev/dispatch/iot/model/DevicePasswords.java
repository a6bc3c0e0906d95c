package dev.dispatch.iot.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A device's MQTT password: 32 letters and digits from a SecureRandom (about 190 bits), kept only as its SHA-256. A
 * slow password hash would buy nothing against a secret that random, and the broker checks a login on every connect.
 */
public final class DevicePasswords {

    public static final int LENGTH = 32;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What an unknown device's login is compared with, so that it costs what a known one does. */
    private static final byte[] NOTHING = hash("");

    private DevicePasswords() {
    }

    public static String generate() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    public static byte[] hash(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** In constant time; a null stored hash (no active password) never matches, after the same work. */
    public static boolean matches(String password, byte[] storedHash) {
        boolean equal = MessageDigest.isEqual(hash(password), storedHash == null ? NOTHING : storedHash);
        return storedHash != null && equal;
    }
}
