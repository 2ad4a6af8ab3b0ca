package io.balance.proxy.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Maps request methods onto a small fixed label set, so a client can't mint new series. */
public final class HttpMethods {
    static final String[] LABELS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "OTHER"};
    public static final int HEAD = 1;
    public static final int CONNECT = 8;
    public static final int OTHER = 9;
    private static final byte[][] NAMES = new byte[OTHER][];

    static {
        for (int i = 0; i < OTHER; i++) {
            NAMES[i] = LABELS[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private HttpMethods() {
    }

    /** The index of the method spelled by {@code length} bytes at {@code from} (case-sensitive), or {@link #OTHER}. */
    public static int index(byte[] bytes, int from, int length) {
        for (int i = 0; i < OTHER; i++) {
            byte[] name = NAMES[i];
            if (name.length == length && Arrays.equals(name, 0, length, bytes, from, from + length)) {
                return i;
            }
        }
        return OTHER;
    }

    /** GET, HEAD, PUT, DELETE, OPTIONS and TRACE may be sent twice (RFC 9110 9.2.2). */
    public static boolean idempotent(int index) {
        return index == 0 || index == 1 || index == 3 || index == 4 || index == 6 || index == 7;
    }
}
