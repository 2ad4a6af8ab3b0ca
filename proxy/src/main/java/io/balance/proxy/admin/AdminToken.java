package io.balance.proxy.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;

/**
 * The bearer token that admin writes must carry, read from {@code admin.token_file}. Compared
 * in constant time. The file is read again when it changes (a rotated Kubernetes Secret), so a
 * new token works without a restart. Without a token file every write is refused.
 */
public final class AdminToken {
    private final Path file;
    private volatile byte[] expected;
    private volatile FileTime readAt;

    private AdminToken(Path file, byte[] expected, FileTime readAt) {
        this.file = file;
        this.expected = expected;
        this.readAt = readAt;
    }

    public static AdminToken none() {
        return new AdminToken(null, null, null);
    }

    public static AdminToken fromFile(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        return new AdminToken(file, read(file), modified);
    }

    private static byte[] read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException("admin token file " + file + " is empty");
        }
        return token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean configured() {
        return file != null;
    }

    /** Checks an {@code Authorization} header value. */
    public boolean accepts(String authorization) {
        if (file == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        refresh();
        byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented);
    }

    /** Picks up a rotated token; a file that became unreadable or empty keeps the last good one. */
    private void refresh() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(readAt)) {
                expected = read(file);
                readAt = modified;
            }
        } catch (IOException e) {
            // keep the token in force
        }
    }
}
