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

    static boolean isValid(CharSequence host) {
        int length = host.length();
        if (length == 0) {
            return false;
        }
        int i = host.charAt(0) == '[' ? ipLiteralEnd(host) : nameEnd(host);
        if (i <= 0) {
            return false;
        }
        return i == length || host.charAt(i) == ':' && isPort(host, i + 1);
    }

    /** Index after the closing bracket, or -1. */
    private static int ipLiteralEnd(CharSequence host) {
        int i = 1;
        while (i < host.length()) {
            char c = host.charAt(i);
            if (c == ']') {
                return i > 1 ? i + 1 : -1;
            }
            if (!(c == ':' || c == '.' || isHex(c))) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** Index of the first character that is not part of the name. */
    private static int nameEnd(CharSequence host) {
        int i = 0;
        while (i < host.length() && isNameChar(host.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isPort(CharSequence host, int from) {
        int digits = host.length() - from;
        if (digits < 1 || digits > 5) {
            return false;
        }
        for (int i = from; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
