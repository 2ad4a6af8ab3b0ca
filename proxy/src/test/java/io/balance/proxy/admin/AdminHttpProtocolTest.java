package io.balance.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API speaks HTTP as RFC 9110 asks: challenges on 401, Allow on 405, HEAD wherever GET works. */
class AdminHttpProtocolTest {
    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path dir;

    private final TestHttpBackend backend = TestHttpBackend.start("a");
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        proxy = RunningProxy.start("""
                mode: http
                backends: [{address: "%s"}]
                admin: {token_file: "%s"}
                """.formatted(backend.address(), token));
    }

    @AfterEach
    void stop() {
        proxy.close();
        backend.close();
    }

    @Test
    void aRefusedWriteNamesTheBearerScheme() throws Exception {
        HttpResponse<String> response = proxy.admin("PUT", "/backends", "wrong", "{}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    @Test
    void aWrongMethodListsTheMethodsThePathSupports() throws Exception {
        HttpResponse<String> backends = proxy.admin("DELETE", "/backends", TOKEN, null);
        HttpResponse<String> health = proxy.admin("PUT", "/health", TOKEN, "{}");
        HttpResponse<String> drain = proxy.admin("GET", "/drain", null, null);

        assertThat(backends.statusCode()).isEqualTo(405);
        assertThat(backends.headers().firstValue("Allow")).hasValue("GET, HEAD, PUT");
        assertThat(health.statusCode()).isEqualTo(405);
        assertThat(health.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(drain.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void headAnswersEveryReadEndpointLikeGetWithoutTheBody() throws Exception {
        for (String path : new String[] {"/health", "/ready", "/status", "/version", "/metrics", "/backends", "/config"}) {
            HttpResponse<String> get = proxy.admin("GET", path, null, null);

            String head = rawHead(path);

            assertThat(head).as(path).startsWith("HTTP/1.1 " + get.statusCode() + " ")
                    .containsIgnoringCase("content-type: " + get.headers().firstValue("Content-Type").orElseThrow())
                    .containsIgnoringCase("content-length: ")
                    .endsWith("\r\n\r\n");
        }
    }

    /** Everything the server sends for a HEAD request up to its closing the connection. */
    private String rawHead(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.server().adminAddress().getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("HEAD " + path + " HTTP/1.1\r\nHost: admin\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
