package io.balance.proxy.http;

/** Byte classes of RFC 9110/9112, as lookup tables (no branches per class on the hot path). */
final class HttpBytes {
    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte SP = ' ';
    static final byte HTAB = '\t';

    private static final boolean[] TCHAR = new boolean[256];
    private static final boolean[] FIELD_VALUE = new boolean[256];
    private static final boolean[] TARGET = new boolean[256];

    static {
        for (int c = 0x21; c < 0x7f; c++) {
            TCHAR[c] = Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            FIELD_VALUE[c] = true;
            TARGET[c] = c != '#';
        }
        for (int c = 0x80; c < 0x100; c++) {
            FIELD_VALUE[c] = true; // obs-text
        }
        FIELD_VALUE[SP] = true;
        FIELD_VALUE[HTAB] = true;
    }

    private HttpBytes() {
    }

    /** A token character (method, header name). */
    static boolean isTchar(byte b) {
        return TCHAR[b & 0xff];
    }

    /** Allowed inside a field value: visible ASCII, SP, HTAB and obs-text; never CTL or DEL. */
    static boolean isFieldValue(byte b) {
        return FIELD_VALUE[b & 0xff];
    }

    /** Allowed in a request-target: visible ASCII without '#' (a fragment is never sent). */
    static boolean isTarget(byte b) {
        return TARGET[b & 0xff];
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The value of a hexadecimal digit, or -1. */
    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** The first index in {@code [from, to)} that is not SP or HTAB, else {@code to}. */
    static int skipWhitespace(byte[] buf, int from, int to) {
        int i = from;
        while (i < to && (buf[i] == SP || buf[i] == HTAB)) {
            i++;
        }
        return i;
    }

    /** {@code to} moved back over trailing SP and HTAB, not below {@code from}. */
    static int trimWhitespace(byte[] buf, int from, int to) {
        int i = to;
        while (i > from && (buf[i - 1] == SP || buf[i - 1] == HTAB)) {
            i--;
        }
        return i;
    }

    /** ASCII case-insensitive comparison of {@code length} bytes at {@code start} with a lower-case name. */
    static boolean nameEquals(byte[] buf, int start, int length, byte[] lowerName) {
        if (length != lowerName.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lower(buf[start + i]) != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    /** ASCII case-insensitive comparison of two ranges of {@code buf}. */
    static boolean regionEqualsIgnoreCase(byte[] buf, int a, int b, int length) {
        for (int i = 0; i < length; i++) {
            if (lower(buf[a + i]) != lower(buf[b + i])) {
                return false;
            }
        }
        return true;
    }

    static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
