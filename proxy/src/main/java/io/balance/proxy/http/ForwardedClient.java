package io.balance.proxy.http;

import io.balance.proxy.lb.HashKeys;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The client as its connection's requests name it to backends: the address appended to
 * {@code X-Forwarded-For} and the {@code source-ip} hash key. An IPv4 client's are taken from its
 * address on each request, which allocates nothing and keeps nothing on an idle connection; any
 * other client's are worked out once ({@link #unlessIpv4}) and kept on its connection.
 */
final class ForwardedClient {
    private final byte[] text;
    private final long hash;

    private ForwardedClient(byte[] text, long hash) {
        this.text = text;
        this.hash = hash;
    }

    /** The text and hash of a client that is not IPv4; null for one that is. */
    static ForwardedClient unlessIpv4(InetSocketAddress remote) {
        InetAddress address = remote.getAddress();
        if (address instanceof Inet4Address) {
            return null;
        }
        String host = address == null ? remote.getHostString() : address.getHostAddress();
        return new ForwardedClient(host.getBytes(StandardCharsets.ISO_8859_1),
                address == null ? HashKeys.ofHeader(host) : HashKeys.ofAddress(address));
    }

    /** @param notIpv4 what {@link #unlessIpv4} gave for this client */
    static long hash(InetSocketAddress remote, ForwardedClient notIpv4) {
        return notIpv4 != null ? notIpv4.hash : HashKeys.ofIpv4(ipv4(remote));
    }

    /** Appends the client's address in ASCII ({@code 10.1.2.3}, {@code 2001:db8:0:0:0:0:0:1}). */
    static void write(ByteBuf out, InetSocketAddress remote, ForwardedClient notIpv4) {
        if (notIpv4 != null) {
            out.writeBytes(notIpv4.text);
            return;
        }
        int address = ipv4(remote);
        writeOctet(out, address >>> 24);
        out.writeByte('.');
        writeOctet(out, address >>> 16);
        out.writeByte('.');
        writeOctet(out, address >>> 8);
        out.writeByte('.');
        writeOctet(out, address);
    }

    // OpenJDK's Inet4Address.hashCode() is the address as a big-endian int (HashKeysTest pins that):
    // read without the copy getAddress() makes.
    private static int ipv4(InetSocketAddress remote) {
        return remote.getAddress().hashCode();
    }

    private static void writeOctet(ByteBuf out, int value) {
        int octet = value & 0xff;
        if (octet >= 100) {
            out.writeByte('0' + octet / 100);
        }
        if (octet >= 10) {
            out.writeByte('0' + octet / 10 % 10);
        }
        out.writeByte('0' + octet % 10);
    }
}
