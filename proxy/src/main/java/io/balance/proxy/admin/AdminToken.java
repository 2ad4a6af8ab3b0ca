package io.balance.proxy.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The bearer token that admin writes must carry, read from {@code admin.token_file}. Compared
 * in constant time. Without a token file every write is refused.
 */
public final class AdminToken {
    private final byte[] expected;

    private AdminToken(byte[] expected) {
        this.expected = expected;
    }

    public static AdminToken none() {
        return new AdminToken(null);
    }

    public static AdminToken fromFile(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException("admin token file " + file + " is empty");
        }
        return new AdminToken(token.getBytes(StandardCharsets.UTF_8));
    }

    public boolean configured() {
        return expected != null;
    }

    /** Checks an {@code Authorization} header value. */
    public boolean accepts(String authorization) {
        if (expected == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented);
    }
}
