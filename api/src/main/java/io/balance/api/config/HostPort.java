package io.balance.api.config;

/**
 * A parsed {@code host:port}, {@code [IPv6]:port} or {@code :port} address. Parsing is pure:
 * no name resolution happens here.
 */
public record HostPort(String host, int port) {

    /** Parses an address; an empty host (":8080") means every interface. */
    public static HostPort parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("address is empty; use host:port, e.g. 10.0.0.5:8080");
        }
        String s = text.trim();
        if (!s.equals(text)) {
            // refused, not trimmed: the duplicate check and the default backend name use the text as written
            throw new IllegalArgumentException("address \"" + text + "\" has spaces around it; write " + s);
        }
        int scheme = s.indexOf("://");
        if (scheme > 0) {
            throw new IllegalArgumentException("address \"" + text + "\" has a scheme; write host:port without "
                    + s.substring(0, scheme + 3) + ", e.g. " + withoutScheme(s.substring(scheme + 3)));
        }
        String host;
        String portText;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("invalid address \"" + text + "\"; IPv6 addresses look like [::1]:8080");
            }
            host = s.substring(1, close);
            portText = s.substring(close + 2);
            if (!looksLikeIpv6(host)) {
                throw new IllegalArgumentException("invalid IPv6 address in \"" + text + "\"");
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0 && !s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("address \"" + text + "\" is a bare port; write \":" + s
                        + "\" for every interface or host:port, e.g. 10.0.0.5:" + s);
            }
            if (colon < 0) {
                throw new IllegalArgumentException("address \"" + text + "\" has no port; use host:port, e.g. 10.0.0.5:8080");
            }
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
            if (host.contains(":") && looksLikeIpv6(host)) {
                throw new IllegalArgumentException("invalid address \"" + text + "\"; write IPv6 addresses in brackets, e.g. [::1]:8080");
            }
            if (host.contains(":")) {
                throw new IllegalArgumentException("invalid address \"" + text + "\"; use host:port, e.g. 10.0.0.5:8080");
            }
            if (looksLikeIpv4(host) && !validIpv4(host)) {
                throw new IllegalArgumentException("invalid IPv4 address \"" + host + "\" in address \"" + text
                        + "\"; each of its four parts is 0-255");
            }
            if (!host.isEmpty() && !validHostName(host)) {
                throw new IllegalArgumentException("invalid host \"" + host + "\" in address \"" + text + "\"");
            }
        }
        return new HostPort(host, parsePort(portText, text));
    }

    /** Hex digits and colons (and dots, for an embedded IPv4 such as ::ffff:10.0.0.1). */
    private static boolean looksLikeIpv6(String host) {
        return host.contains(":") && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }

    /** Digits and dots only: an IPv4 address, or a mistyped one, never a host name to look up. */
    private static boolean looksLikeIpv4(String host) {
        return !host.isEmpty() && host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    private static boolean validIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String withoutScheme(String rest) {
        int path = rest.indexOf('/');
        String hostPort = path < 0 ? rest : rest.substring(0, path);
        return hostPort.isEmpty() ? "10.0.0.5:8080" : hostPort;
    }

    private static int parsePort(String portText, String text) {
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid port \"" + portText + "\" in address \"" + text + "\"; ports are 1-65535");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " in address \"" + text + "\" is out of range 1-65535");
        }
        return port;
    }

    private static boolean validHostName(String host) {
        if (host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                    return false;
                }
            }
        }
        return true;
    }

    public boolean anyHost() {
        return host.isEmpty();
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
