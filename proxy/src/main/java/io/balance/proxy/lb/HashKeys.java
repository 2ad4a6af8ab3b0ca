package io.balance.proxy.lb;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The {@code hash} argument of {@link LoadBalancer#choose}: a well-mixed 64-bit key per request. */
public final class HashKeys {

    private HashKeys() {
    }

    /**
     * Hashes a client address. IPv4 reads the address as an int without copying it; IPv6 has
     * no copy-free view in the JDK, so it hashes a 16-byte copy.
     */
    public static long ofAddress(InetAddress address) {
        if (address instanceof Inet4Address) {
            // OpenJDK's Inet4Address.hashCode() is the address itself; HashKeysTest pins that.
            return ofIpv4(address.hashCode());
        }
        return Murmur64.hash(address.getAddress());
    }

    /** Hashes an IPv4 address given as its big-endian int (a.b.c.d is a << 24 | ... | d). */
    public static long ofIpv4(int address) {
        return Murmur64.fmix64((address & 0xffffffffL) ^ 0x9e3779b97f4a7c15L);
    }

    /** Hashes a header value, character for character (case-sensitive). */
    public static long ofHeader(CharSequence value) {
        return Murmur64.hash(value);
    }
}
