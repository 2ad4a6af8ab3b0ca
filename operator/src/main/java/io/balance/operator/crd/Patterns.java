package io.balance.operator.crd;

/** Schema patterns shared by the spec sections. */
final class Patterns {
    /** A Go-style duration as the Balance file writes it: 100ms, 5s, 1m30s, or 0. */
    static final String DURATION = "^(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h))+)$";
    /** source-ip or header:NAME, NAME an HTTP token. */
    static final String HASH_KEY = "^(source-ip|header:[!#$%&'*+.^_`|~0-9A-Za-z-]+)$";
    /** A DNS-1035 label: a Service name. */
    static final String SERVICE_NAME = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    private Patterns() {
    }
}
