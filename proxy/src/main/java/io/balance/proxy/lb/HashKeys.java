package io.balance.proxy.lb;

import java.net.InetAddress;

/** Temporary until the algorithm package lands. */
public final class HashKeys {
    private HashKeys() {
    }

    public static long ofAddress(InetAddress address) {
        return address == null ? 0 : address.hashCode() * 0x9E3779B97F4A7C15L;
    }

    public static long ofHeader(CharSequence value) {
        return value == null ? 0 : value.toString().hashCode() * 0x9E3779B97F4A7C15L;
    }
}
