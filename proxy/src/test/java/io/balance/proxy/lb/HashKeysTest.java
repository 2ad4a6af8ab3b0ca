package io.balance.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashKeysTest {

    @Test
    void hashesTheSameAddressToTheSameKey() throws Exception {
        assertThat(HashKeys.ofAddress(InetAddress.getByName("10.1.2.3")))
                .isEqualTo(HashKeys.ofAddress(InetAddress.getByName("10.1.2.3")))
                .isNotEqualTo(HashKeys.ofAddress(InetAddress.getByName("10.1.2.4")));
        assertThat(HashKeys.ofAddress(InetAddress.getByName("2001:db8::1")))
                .isEqualTo(HashKeys.ofAddress(InetAddress.getByName("2001:db8::1")))
                .isNotEqualTo(HashKeys.ofAddress(InetAddress.getByName("2001:db8::2")));
    }

    @Test
    void readsIpv4AddressesAsTheirBigEndianInt() throws Exception {
        for (String address : new String[] {"0.0.0.0", "10.0.0.1", "192.168.200.17", "255.255.255.255"}) {
            InetAddress inet = InetAddress.getByName(address);
            int bigEndian = ByteBuffer.wrap(inet.getAddress()).getInt();

            assertThat(HashKeys.ofAddress(inet)).isEqualTo(HashKeys.ofIpv4(bigEndian));
        }
    }

    @Test
    void spreadsNeighbouringAddressesAcrossAllBits() {
        long flippedBits = 0;
        int pairs = 0;
        for (int host = 0; host < 4096; host++) {
            flippedBits += Long.bitCount(HashKeys.ofIpv4(0x0a000000 | host) ^ HashKeys.ofIpv4(0x0a000000 | host + 1));
            pairs++;
        }

        assertThat((double) flippedBits / pairs).isBetween(30.0, 34.0);
    }

    @Test
    void spreadsASubnetEvenlyOverBuckets() {
        int[] buckets = new int[8];
        for (int host = 0; host < 8192; host++) {
            buckets[(int) Long.remainderUnsigned(HashKeys.ofIpv4(0xc0a80000 | host), buckets.length)]++;
        }

        for (int count : buckets) {
            assertThat(count).isBetween(900, 1150);
        }
    }

    @Test
    void hashesHeaderContentWhateverTheCharSequence() {
        assertThat(HashKeys.ofHeader("user-42")).isEqualTo(HashKeys.ofHeader(new StringBuilder("user-42")));
        assertThat(HashKeys.ofHeader("user-42")).isNotEqualTo(HashKeys.ofHeader("User-42"));
    }

    @Test
    void givesDistinctKeysToSimilarHeaderValues() {
        Set<Long> keys = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            keys.add(HashKeys.ofHeader("session-" + i));
        }
        keys.add(HashKeys.ofHeader(""));
        keys.add(HashKeys.ofHeader("a"));
        keys.add(HashKeys.ofHeader("a\0"));

        assertThat(keys).hasSize(100_003);
    }
}
