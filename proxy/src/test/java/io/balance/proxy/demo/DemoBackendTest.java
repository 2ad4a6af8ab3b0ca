package io.balance.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.testing.RawHttp;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo backend keeps up with concurrent keep-alive clients and speaks HTTP/1.0 too. */
class DemoBackendTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private int port;

    @BeforeEach
    void start() throws InterruptedException {
        Channel server = DemoBackend.start(group, "127.0.0.1", 0, "b1");
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void answersManyConcurrentRequestsByName() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/any")).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
            assertThat(response.get().body()).isEqualTo("hello from b1\n");
            assertThat(response.get().headers().firstValue("X-Backend")).hasValue("b1");
        }
    }

    @Test
    void keepsAnHttp10ConnectionOnlyWhenAsked() throws Exception {
        String answer = RawHttp.exchange(port, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n");

        assertThat(answer.split("HTTP/1.0 200 OK", -1)).hasSize(3);
        assertThat(answer).containsIgnoringCase("connection: keep-alive").endsWith("hello from b1\n");
    }
}
