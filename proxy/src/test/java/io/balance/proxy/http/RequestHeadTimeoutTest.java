package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The slowloris defence, with a 300 ms read timeout for the head and each wait for body bytes; socket read timeouts bound every wait. */
class RequestHeadTimeoutTest {
    private static final Duration HEAD_TIMEOUT = Duration.ofMillis(300);
    private static GuardedServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = new GuardedServer(HEAD_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clearRecords() {
        server.reset();
    }

    @Test
    void answers408ToHalfARequestLine() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            long start = System.nanoTime();
            RawClient.Response response = client.send("GET /ind").readResponse();

            assertThat(response.status()).isEqualTo(408);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(client.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(HEAD_TIMEOUT.minusMillis(50));
        }
        server.awaitRejects(RejectReason.HEAD_TIMEOUT);
    }

    @Test
    void answers408ToConnectionThatSendsNothing() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            assertThat(client.readResponse().status()).isEqualTo(408);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void answers408ToHeadersThatNeverEnd() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            RawClient.Response response = client.send("GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ").readResponse();

            assertThat(response.status()).isEqualTo(408);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void leavesIdleKeepAliveToTheIdleTimeoutButTimesAStartedHead() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            assertThat(client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().status()).isEqualTo(200);

            client.readTimeout((int) HEAD_TIMEOUT.toMillis() * 3);
            assertThatThrownBy(client::closedByServer).isInstanceOf(SocketTimeoutException.class);

            client.readTimeout(5_000);
            assertThat(client.send("GET / HT").readResponse().status()).isEqualTo(408);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aBodyThatStallsForTheReadTimeoutIsCutOff() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            long start = System.nanoTime();
            client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nab");

            assertThat(client.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(HEAD_TIMEOUT.minusMillis(50));
        }
        server.awaitRejects(RejectReason.BODY_TIMEOUT);
    }

    @Test
    void aBodyWhoseBytesKeepComingIsReadPastTheReadTimeout() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\na");
            client.readTimeout((int) HEAD_TIMEOUT.toMillis() * 2 / 3);
            for (String piece : new String[] {"b", "c"}) {
                assertThatThrownBy(client::closedByServer).isInstanceOf(SocketTimeoutException.class);
                client.send(piece);
            }

            client.readTimeout(5_000);
            assertThat(client.send("d").readResponse().status()).isEqualTo(200);
        }
        assertThat(server.rejects()).isEmpty();
    }
}
