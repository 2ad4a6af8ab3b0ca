package io.balance.proxy;

/**
 * Netty system properties Balance sets unless the command line already has: they must be in
 * place before the first Netty class initialises.
 */
final class NettyDefaults {
    /**
     * Netty's allocator JFR events. When on, Netty registers its event classes with the flight
     * recorder at start, which loads and keeps its metadata (~1 MB of heap and metaspace) whether
     * or not a recording ever runs; {@code -Dio.netty.jfr.enabled=true} turns them back on.
     */
    static final String JFR_EVENTS = "io.netty.jfr.enabled";

    private NettyDefaults() {
    }

    static void apply() {
        if (System.getProperty(JFR_EVENTS) == null) {
            System.setProperty(JFR_EVENTS, "false");
        }
    }
}
