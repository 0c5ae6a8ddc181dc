package dev.acumat.analytics.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The shared secret that opens the web server when it is reachable from other machines: sent as
 * {@code Authorization: Bearer TOKEN} or in the cookie a login sets (docs/WEB.md). Compared in
 * constant time; never shown ({@link #toString()}).
 */
public final class AccessToken {
    /** Shorter tokens can be guessed; {@code openssl rand -hex 32} gives 64 characters. */
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 256;
    /** What a cookie value, a header and a URL carry unchanged (RFC 6265 cookie-octets, less '+', '%'). */
    private static final Pattern ALPHABET = Pattern.compile("[A-Za-z0-9._~/=-]+");

    private final String value;
    private final byte[] digest;

    private AccessToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /**
     * A token, checked.
     *
     * @param option where it came from, for the message (which never shows the value)
     * @throws IllegalArgumentException naming {@code option}
     */
    public static AccessToken of(String option, String value) {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(option + ": the token must be " + MIN_LENGTH + ".." + MAX_LENGTH
                    + " characters long, e.g. the output of: openssl rand -hex 32");
        }
        if (!ALPHABET.matcher(value).matches()) {
            throw new IllegalArgumentException(option + ": the token may hold only A-Z a-z 0-9 . _ ~ / = -,"
                    + " e.g. the output of: openssl rand -hex 32");
        }
        return new AccessToken(value);
    }

    /**
     * Whether {@code candidate} is this token. Both sides are hashed first, so the time taken
     * tells nothing about the token's length or about how much of it matched.
     */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    /** For the login cookie only. */
    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "AccessToken[***]";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
