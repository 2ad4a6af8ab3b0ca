package io.balance.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {
    private static final String NOT_A_NETWORK = " is not an IP network; use e.g. 10.0.0.0/8 or fd00::/8";

    @Test
    void rejectsHostNamesWithoutResolvingThem() {
        assertThatThrownBy(() -> Cidr.parse("proxy.internal")).hasMessage("\"proxy.internal\"" + NOT_A_NETWORK);
        assertThatThrownBy(() -> Cidr.parse("localhost/8")).hasMessage("\"localhost/8\"" + NOT_A_NETWORK);
    }

    @Test
    void rejectsMalformedAddresses() {
        assertThatThrownBy(() -> Cidr.parse("")).hasMessage("\"\"" + NOT_A_NETWORK);
        assertThatThrownBy(() -> Cidr.parse("10.0.0/8")).hasMessage("\"10.0.0/8\"" + NOT_A_NETWORK);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.256")).hasMessage("\"10.0.0.256\"" + NOT_A_NETWORK);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.-1/8")).hasMessage("\"10.0.0.-1/8\"" + NOT_A_NETWORK);
        assertThatThrownBy(() -> Cidr.parse("fd00::zz/8")).hasMessage("\"fd00::zz/8\"" + NOT_A_NETWORK);
        assertThatThrownBy(() -> Cidr.parse("1:2:3:4:5:6:7:8:9")).hasMessage("\"1:2:3:4:5:6:7:8:9\"" + NOT_A_NETWORK);
    }

    @Test
    void rejectsBadPrefixes() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/")).hasMessage("invalid prefix length in \"10.0.0.0/\"");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/-1")).hasMessage("invalid prefix length in \"10.0.0.0/-1\"");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/8/8")).hasMessage("invalid prefix length in \"10.0.0.0/8/8\"");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessage("prefix length 33 in \"10.0.0.0/33\" exceeds 32");
        assertThatThrownBy(() -> Cidr.parse("fd00::/129")).hasMessage("prefix length 129 in \"fd00::/129\" exceeds 128");
    }

    @Test
    void aBareAddressIsASingleHost() throws Exception {
        Cidr v4 = Cidr.parse("192.168.1.7");
        assertThat(v4.prefix()).isEqualTo(32);
        assertThat(v4.contains(ip("192.168.1.7"))).isTrue();
        assertThat(v4.contains(ip("192.168.1.8"))).isFalse();
        Cidr v6 = Cidr.parse("::1");
        assertThat(v6.prefix()).isEqualTo(128);
        assertThat(v6.contains(ip("::1"))).isTrue();
    }

    @Test
    void matchesAddressesInsideTheNetwork() throws Exception {
        Cidr tenEight = Cidr.parse(" 10.0.0.0/8 ");
        assertThat(tenEight.contains(ip("10.255.1.2"))).isTrue();
        assertThat(tenEight.contains(ip("11.0.0.1"))).isFalse();
    }

    @Test
    void matchesPrefixesThatSplitAByte() throws Exception {
        Cidr cidr = Cidr.parse("172.16.0.0/12");
        assertThat(cidr.contains(ip("172.16.0.1"))).isTrue();
        assertThat(cidr.contains(ip("172.31.255.255"))).isTrue();
        assertThat(cidr.contains(ip("172.32.0.0"))).isFalse();
        assertThat(cidr.contains(ip("172.15.255.255"))).isFalse();
    }

    @Test
    void ignoresHostBitsInTheNetworkAddress() throws Exception {
        assertThat(Cidr.parse("10.1.2.3/8").contains(ip("10.200.0.1"))).isTrue();
    }

    @Test
    void zeroPrefixMatchesTheWholeFamily() throws Exception {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
    }

    @Test
    void matchesIpv6Networks() throws Exception {
        Cidr ula = Cidr.parse("fd00::/8");
        assertThat(ula.contains(ip("fd12:3456::1"))).isTrue();
        assertThat(ula.contains(ip("fe80::1"))).isFalse();
    }

    @Test
    void neverMatchesTheOtherFamily() throws Exception {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("127.0.0.1"))).isFalse();
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
