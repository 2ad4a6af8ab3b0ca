package io.balance.proxy.http;

/**
 * The {@code Host} value a proxy accepts: {@code host[:port]} where host is a DNS-style name or
 * IPv4 address (letters, digits, {@code - . _ ~}) or a bracketed IPv6 literal, and the port has 1
 * to 5 digits. Stricter than RFC 3986's reg-name on purpose: no percent-encoding, no sub-delims
 * such as ',' that let two parties read two different hosts.
 */
final class HostSyntax {
    private HostSyntax() {
    }

    /** Whether {@code bytes[from, to)} is an acceptable Host value. */
    static boolean isValid(byte[] bytes, int from, int to) {
        if (from >= to) {
            return false;
        }
        int i = bytes[from] == '[' ? ipLiteralEnd(bytes, from, to) : nameEnd(bytes, from, to);
        if (i <= from) {
            return false;
        }
        return i == to || bytes[i] == ':' && isPort(bytes, i + 1, to);
    }

    /** Index after the closing bracket, or -1. */
    private static int ipLiteralEnd(byte[] bytes, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            byte c = bytes[i];
            if (c == ']') {
                return i > from + 1 ? i + 1 : -1;
            }
            if (!(c == ':' || c == '.' || HttpBytes.hexValue(c) >= 0)) {
                return -1;
            }
        }
        return -1;
    }

    /** Index of the first byte that is not part of the name. */
    private static int nameEnd(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && isNameChar(bytes[i])) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || HttpBytes.isDigit(c)
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isPort(byte[] bytes, int from, int to) {
        int digits = to - from;
        if (digits < 1 || digits > 5) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!HttpBytes.isDigit(bytes[i])) {
                return false;
            }
        }
        return true;
    }
}
