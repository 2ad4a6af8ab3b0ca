package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.lb.HashKeys;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForwardedClientTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "1.2.3.4", "10.0.0.1", "127.0.0.1", "99.100.9.10", "192.168.200.17", "255.255.255.255"})
    void writesAnIpv4ClientAsTheJdkSpellsItAndKeepsNothingForIt(String ip) throws Exception {
        InetSocketAddress client = new InetSocketAddress(InetAddress.getByName(ip), 40000);

        assertThat(ForwardedClient.unlessIpv4(client)).isNull();
        assertThat(written(client, null)).isEqualTo(ip);
        assertThat(ForwardedClient.hash(client, null)).isEqualTo(HashKeys.ofAddress(client.getAddress()));
    }

    @Test
    void writesAnIpv6ClientFromTheTextWorkedOutOnce() throws Exception {
        InetSocketAddress client = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 40000);
        ForwardedClient notIpv4 = ForwardedClient.unlessIpv4(client);

        assertThat(notIpv4).isNotNull();
        assertThat(written(client, notIpv4)).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(ForwardedClient.hash(client, notIpv4)).isEqualTo(HashKeys.ofAddress(client.getAddress()));
    }

    @Test
    void anUnresolvedClientIsNamedAndHashedByItsHostString() {
        InetSocketAddress client = InetSocketAddress.createUnresolved("client.example", 40000);
        ForwardedClient notIpv4 = ForwardedClient.unlessIpv4(client);

        assertThat(written(client, notIpv4)).isEqualTo("client.example");
        assertThat(ForwardedClient.hash(client, notIpv4)).isEqualTo(HashKeys.ofHeader("client.example"));
    }

    private static String written(InetSocketAddress client, ForwardedClient notIpv4) {
        ByteBuf out = Unpooled.buffer();
        try {
            ForwardedClient.write(out, client, notIpv4);
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }
}
