package io.balance.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void rejectsEmptyAddresses() {
        assertThatThrownBy(() -> HostPort.parse(null)).hasMessage("address is empty; use host:port, e.g. 10.0.0.5:8080");
        assertThatThrownBy(() -> HostPort.parse("  ")).hasMessage("address is empty; use host:port, e.g. 10.0.0.5:8080");
    }

    @Test
    void rejectsAddressesWithoutPort() {
        assertThatThrownBy(() -> HostPort.parse("web-1"))
                .hasMessage("address \"web-1\" has no port; use host:port, e.g. 10.0.0.5:8080");
    }

    @Test
    void aBarePortSaysHowToWriteIt() {
        assertThatThrownBy(() -> HostPort.parse("8080"))
                .hasMessage("address \"8080\" is a bare port; write \":8080\" for every interface or host:port, e.g. 10.0.0.5:8080");
    }

    @Test
    void aUrlSaysToDropTheScheme() {
        assertThatThrownBy(() -> HostPort.parse("http://127.0.0.1:9006"))
                .hasMessage("address \"http://127.0.0.1:9006\" has a scheme; write host:port without http://, e.g. 127.0.0.1:9006");
        assertThatThrownBy(() -> HostPort.parse("https://web-1:8443/health"))
                .hasMessage("address \"https://web-1:8443/health\" has a scheme; write host:port without https://, e.g. web-1:8443");
        assertThatThrownBy(() -> HostPort.parse("http://"))
                .hasMessage("address \"http://\" has a scheme; write host:port without http://, e.g. 10.0.0.5:8080");
    }

    @Test
    void digitsAndDotsMustBeAValidIpv4Address() {
        assertThatThrownBy(() -> HostPort.parse("256.1.1.1:80"))
                .hasMessage("invalid IPv4 address \"256.1.1.1\" in address \"256.1.1.1:80\"; each of its four parts is 0-255");
        assertThatThrownBy(() -> HostPort.parse("10.0.0:80")).hasMessageStartingWith("invalid IPv4 address \"10.0.0\"");
        assertThatThrownBy(() -> HostPort.parse("10..0.1:80")).hasMessageStartingWith("invalid IPv4 address \"10..0.1\"");
        assertThatThrownBy(() -> HostPort.parse("1.2.3.4.5:80")).hasMessageStartingWith("invalid IPv4 address");
        assertThat(HostPort.parse("255.255.255.255:80").host()).isEqualTo("255.255.255.255");
        assertThat(HostPort.parse("10.0.0.1a:80").host()).isEqualTo("10.0.0.1a");
    }

    @Test
    void rejectsBadPorts() {
        assertThatThrownBy(() -> HostPort.parse("host:")).hasMessage("invalid port \"\" in address \"host:\"; ports are 1-65535");
        assertThatThrownBy(() -> HostPort.parse("host:http")).hasMessage("invalid port \"http\" in address \"host:http\"; ports are 1-65535");
        assertThatThrownBy(() -> HostPort.parse("host:-1")).hasMessage("invalid port \"-1\" in address \"host:-1\"; ports are 1-65535");
        assertThatThrownBy(() -> HostPort.parse("host:123456")).hasMessage("invalid port \"123456\" in address \"host:123456\"; ports are 1-65535");
        assertThatThrownBy(() -> HostPort.parse("host:0")).hasMessage("port 0 in address \"host:0\" is out of range 1-65535");
        assertThatThrownBy(() -> HostPort.parse("host:65536")).hasMessage("port 65536 in address \"host:65536\" is out of range 1-65535");
    }

    @Test
    void rejectsBadHostNames() {
        assertThatThrownBy(() -> HostPort.parse("web 1:80")).hasMessage("invalid host \"web 1\" in address \"web 1:80\"");
        assertThatThrownBy(() -> HostPort.parse("-web:80")).hasMessage("invalid host \"-web\" in address \"-web:80\"");
        assertThatThrownBy(() -> HostPort.parse("web..internal:80")).hasMessage("invalid host \"web..internal\" in address \"web..internal:80\"");
        assertThatThrownBy(() -> HostPort.parse("wéb:80")).hasMessage("invalid host \"wéb\" in address \"wéb:80\"");
        assertThatThrownBy(() -> HostPort.parse("a".repeat(64) + ":80")).hasMessageStartingWith("invalid host ");
    }

    @Test
    void ipv6NeedsBrackets() {
        assertThatThrownBy(() -> HostPort.parse("::1:8080"))
                .hasMessage("invalid address \"::1:8080\"; write IPv6 addresses in brackets, e.g. [::1]:8080");
        assertThatThrownBy(() -> HostPort.parse("[::1]"))
                .hasMessage("invalid address \"[::1]\"; IPv6 addresses look like [::1]:8080");
        assertThatThrownBy(() -> HostPort.parse("[::1]8080"))
                .hasMessage("invalid address \"[::1]8080\"; IPv6 addresses look like [::1]:8080");
        assertThatThrownBy(() -> HostPort.parse("[::1:8080"))
                .hasMessage("invalid address \"[::1:8080\"; IPv6 addresses look like [::1]:8080");
    }

    @Test
    void onlyAnIpv6LookingHostIsToldAboutBrackets() {
        assertThatThrownBy(() -> HostPort.parse("localhost:80:90"))
                .hasMessage("invalid address \"localhost:80:90\"; use host:port, e.g. 10.0.0.5:8080");
        assertThatThrownBy(() -> HostPort.parse("fe80::1:8080"))
                .hasMessage("invalid address \"fe80::1:8080\"; write IPv6 addresses in brackets, e.g. [::1]:8080");
    }

    @Test
    void spacesAroundAnAddressAreRefusedNotTrimmed() {
        assertThatThrownBy(() -> HostPort.parse(" 127.0.0.1:9001"))
                .hasMessage("address \" 127.0.0.1:9001\" has spaces around it; write 127.0.0.1:9001");
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1:9001\t"))
                .hasMessage("address \"127.0.0.1:9001\t\" has spaces around it; write 127.0.0.1:9001");
    }

    @Test
    void bracketsMustHoldAnIpv6Address() {
        assertThatThrownBy(() -> HostPort.parse("[]:80")).hasMessage("invalid IPv6 address in \"[]:80\"");
        assertThatThrownBy(() -> HostPort.parse("[localhost]:80")).hasMessage("invalid IPv6 address in \"[localhost]:80\"");
        assertThatThrownBy(() -> HostPort.parse("[fe80::zz]:80")).hasMessage("invalid IPv6 address in \"[fe80::zz]:80\"");
    }

    @Test
    void parsesHostPort() {
        assertThat(HostPort.parse("127.0.0.1:9001")).isEqualTo(new HostPort("127.0.0.1", 9001));
        assertThat(HostPort.parse("backend.default.svc.cluster.local:8080"))
                .isEqualTo(new HostPort("backend.default.svc.cluster.local", 8080));
        assertThat(HostPort.parse("my_host:1")).isEqualTo(new HostPort("my_host", 1));
        assertThat(HostPort.parse("localhost:65535")).isEqualTo(new HostPort("localhost", 65535));
    }

    @Test
    void parsesBracketedIpv6() {
        assertThat(HostPort.parse("[::1]:8080")).isEqualTo(new HostPort("::1", 8080));
        assertThat(HostPort.parse("[fd00::10:1]:9001")).isEqualTo(new HostPort("fd00::10:1", 9001));
        assertThat(HostPort.parse("[::ffff:10.0.0.1]:80")).isEqualTo(new HostPort("::ffff:10.0.0.1", 80));
    }

    @Test
    void anEmptyHostMeansEveryInterface() {
        HostPort any = HostPort.parse(":8080");
        assertThat(any.host()).isEmpty();
        assertThat(any.port()).isEqualTo(8080);
        assertThat(any.anyHost()).isTrue();
        assertThat(HostPort.parse("0.0.0.0:8080").anyHost()).isFalse();
    }

    @Test
    void printsTheWayItParses() {
        assertThat(HostPort.parse("[::1]:8080")).hasToString("[::1]:8080");
        assertThat(HostPort.parse("10.0.0.1:80")).hasToString("10.0.0.1:80");
        assertThat(HostPort.parse(":8080")).hasToString(":8080");
    }
}
