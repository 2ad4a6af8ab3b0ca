package io.balance.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {
    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path dir;

    private final TestHttpBackend a = TestHttpBackend.start("a");
    private final TestHttpBackend b = TestHttpBackend.start("b");
    private RunningProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        a.close();
        b.close();
    }

    private RunningProxy dynamicProxy() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        proxy = RunningProxy.start("""
                mode: http
                dynamic_backends: true
                admin: {token_file: "%s"}
                """.formatted(token));
        return proxy;
    }

    private String push(long version, TestHttpBackend... backends) {
        StringBuilder list = new StringBuilder();
        for (TestHttpBackend backend : backends) {
            if (list.length() > 0) {
                list.append(',');
            }
            list.append("{\"name\":\"").append(backend.name()).append("\",\"address\":\"").append(backend.address()).append("\"}");
        }
        return "{\"version\":" + version + ",\"backends\":[" + list + "]}";
    }

    @Test
    void isNotReadyUntilABackendSetArrives() throws Exception {
        dynamicProxy();
        HttpResponse<String> ready = proxy.admin("GET", "/ready", null, null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("no backends");
        assertThat(proxy.get("/").statusCode()).isEqualTo(503);

        assertThat(proxy.admin("PUT", "/backends", TOKEN, push(1, a)).statusCode()).isEqualTo(200);

        assertThat(proxy.admin("GET", "/ready", null, null).statusCode()).isEqualTo(200);
        assertThat(proxy.get("/").body()).isEqualTo("a");
    }

    @Test
    void refusesWritesWithoutTheRightToken() throws Exception {
        dynamicProxy();
        assertThat(proxy.admin("PUT", "/backends", null, push(1, a)).statusCode()).isEqualTo(401);
        assertThat(proxy.admin("PUT", "/backends", "wrong", push(1, a)).statusCode()).isEqualTo(401);
        assertThat(proxy.admin("POST", "/drain", null, null).statusCode()).isEqualTo(401);
        assertThat(proxy.admin("GET", "/backends", null, null).body()).contains("\"backends\" : [ ]");
    }

    @Test
    void refusesWritesWhenNoTokenIsConfigured() throws Exception {
        proxy = RunningProxy.start("mode: http\nbackends: [{address: \"%s\"}]".formatted(a.address()));
        HttpResponse<String> response = proxy.admin("PUT", "/backends", "anything", push(1, b));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("no admin.token_file");
    }

    @Test
    void appliesVersionsInOrderAndIsIdempotent() throws Exception {
        dynamicProxy();
        assertThat(proxy.admin("PUT", "/backends", TOKEN, push(5, a)).statusCode()).isEqualTo(200);
        assertThat(proxy.admin("PUT", "/backends", TOKEN, push(5, a)).body()).contains("\"applied\" : false");
        assertThat(proxy.admin("PUT", "/backends", TOKEN, push(5, b)).statusCode()).isEqualTo(409);
        HttpResponse<String> older = proxy.admin("PUT", "/backends", TOKEN, push(4, b));
        assertThat(older.statusCode()).isEqualTo(409);
        assertThat(older.body()).contains("older than the applied version 5");
        assertThat(proxy.admin("PUT", "/backends", TOKEN, push(6, a, b)).statusCode()).isEqualTo(200);

        String listed = proxy.admin("GET", "/backends", null, null).body();
        assertThat(listed).contains("\"version\" : 6").contains("\"name\" : \"a\"").contains("\"name\" : \"b\"")
                .contains("\"state\" : \"healthy\"");
        assertThat(proxy.admin("GET", "/status", null, null).body()).contains("\"backends_version\" : 6");
    }

    @Test
    void rejectsBadBackendSetsWithEveryProblem() throws Exception {
        dynamicProxy();
        HttpResponse<String> response = proxy.admin("PUT", "/backends", TOKEN,
                "{\"version\":1,\"backends\":[{\"address\":\"nope\"},{\"address\":\"10.0.0.1:80\",\"weight\":-2}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("backends[0].address").contains("backends[1].weight");
        assertThat(proxy.admin("PUT", "/backends", TOKEN, "{\"backends\":[]}").body()).contains("version: required");
        HttpResponse<String> unreachable = proxy.admin("PUT", "/backends", TOKEN, "{\"version\":9007199254740992,\"backends\":[]}");
        assertThat(unreachable.statusCode()).isEqualTo(400);
        assertThat(unreachable.body()).contains("version: required, a whole number from 0 to 9007199254740991");
        assertThat(proxy.admin("PUT", "/backends", TOKEN, "not json").statusCode()).isEqualTo(400);
        assertThat(proxy.admin("PUT", "/backends", TOKEN, "{\"version\":1,\"backends\":[],\"extra\":1}").body())
                .contains("extra: unknown key");
        assertThat(proxy.admin("GET", "/backends", null, null).body()).contains("\"version\" : 0");
    }

    @Test
    void reportsBackendMistakesInTheValidatorsWordsAllAtOnce() throws Exception {
        dynamicProxy();
        HttpResponse<String> typo = proxy.admin("PUT", "/backends", TOKEN,
                "{\"version\":1,\"backends\":[{\"address\":\"%s\",\"wieght\":2,\"name\":\"b1\"}]}".formatted(a.address()));
        HttpResponse<String> mistyped = proxy.admin("PUT", "/backends", TOKEN,
                "{\"version\":2,\"backends\":[{\"address\":\"%s\",\"weight\":\"abc\"}, 5, null]}".formatted(a.address()));

        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(problems(typo)).containsExactly("backends[0].wieght: unknown key \"wieght\"; did you mean \"weight\"?");
        assertThat(mistyped.statusCode()).isEqualTo(400);
        assertThat(problems(mistyped)).containsExactly(
                "backends[0].weight: expected a whole number, got \"abc\"",
                "backends[1]: expected a mapping of keys, got a number",
                "backends[2]: empty backend entry");
        assertThat(proxy.admin("GET", "/backends", null, null).body()).contains("\"version\" : 0");
    }

    @Test
    void rejectsABodyThatIsNotExactlyOneJsonObject() throws Exception {
        dynamicProxy();
        HttpResponse<String> truncated = proxy.admin("PUT", "/backends", TOKEN, "{\"version\":5,\"backends\":[{");
        HttpResponse<String> twoObjects = proxy.admin("PUT", "/backends", TOKEN, push(12, a) + " {}");
        HttpResponse<String> trailingWord = proxy.admin("PUT", "/backends", TOKEN, push(13, a) + " xyz");

        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(problems(truncated)).singleElement().asString()
                .startsWith("body is not valid JSON: Unexpected end-of-input").endsWith("(line 1, column 27)")
                .doesNotContain("Source");
        assertThat(twoObjects.statusCode()).isEqualTo(400);
        assertThat(problems(twoObjects)).containsExactly("body has data after the JSON object (line 1, column %d)"
                .formatted(push(12, a).length() + 2));
        assertThat(trailingWord.statusCode()).isEqualTo(400);
        assertThat(problems(trailingWord)).singleElement().asString().startsWith("body is not valid JSON: Unrecognized token 'xyz'");
        assertThat(proxy.admin("GET", "/backends", null, null).body()).contains("\"version\" : 0");
    }

    private static List<String> problems(HttpResponse<String> response) throws Exception {
        List<String> problems = new ArrayList<>();
        new ObjectMapper().readTree(response.body()).path("problems").forEach(problem -> problems.add(problem.asText()));
        return problems;
    }

    @Test
    void reportsVersionStatusAndMetrics() throws Exception {
        dynamicProxy();
        assertThat(proxy.admin("GET", "/health", null, null).body()).contains("\"status\" : \"healthy\"");
        assertThat(proxy.admin("GET", "/version", null, null).body()).contains("\"version\"").contains("\"git_commit\"")
                .contains("\"build_time\"").contains("\"java_version\"");
        String status = proxy.admin("GET", "/status", null, null).body();
        assertThat(status).contains("\"transport\"").contains("\"config_version\"").contains("\"uptime_seconds\"")
                .contains("\"heap_used_bytes\"").contains("\"threads\"");
        assertThat(status).contains("\"git_commit\"").contains("\"build_time\"")
                .contains("\"listen\" : \"127.0.0.1:" + proxy.port() + "\"");
        String metrics = proxy.admin("GET", "/metrics", null, null).body();
        assertThat(metrics).contains("balance_active_connections").contains("balance_rejected_requests_total{reason=\"no_backend\"}")
                .contains("balance_http_request_duration_seconds_bucket").contains("jvm_memory_used_bytes")
                .contains("netty_allocator_memory_used").contains("balance_tcp_connections_total")
                .contains("balance_bytes_total{direction=\"in\"}");
        assertThat(proxy.admin("GET", "/nope", null, null).statusCode()).isEqualTo(404);
        assertThat(proxy.admin("DELETE", "/backends", TOKEN, null).statusCode()).isEqualTo(405);
    }

    @Test
    void removesAndAddsBackendMeters() throws Exception {
        dynamicProxy();
        proxy.admin("PUT", "/backends", TOKEN, push(1, a));
        proxy.get("/");
        assertThat(proxy.admin("GET", "/metrics", null, null).body()).contains("balance_backend_healthy{backend=\"a\"}");
        proxy.admin("PUT", "/backends", TOKEN, push(2, b));
        String metrics = proxy.admin("GET", "/metrics", null, null).body();
        assertThat(metrics).doesNotContain("backend=\"a\"").contains("balance_backend_healthy{backend=\"b\"}");
    }

    @Test
    void appliesAPushedConfigHotAndRefusesRestartKeys() throws Exception {
        dynamicProxy();
        proxy.admin("PUT", "/backends", TOKEN, push(1, a, b));
        String hot = "{\"version\":3,\"config\":{\"mode\":\"http\",\"listen\":\"%s\",\"dynamic_backends\":true,"
                + "\"admin\":{\"listen\":\"%s\",\"token_file\":\"%s\"},\"load_balancer\":{\"algorithm\":\"ip-hash\"}}}";
        String listen = "127.0.0.1:" + proxy.port();
        String adminListen = "127.0.0.1:" + proxy.server().adminAddress().getPort();
        Path token = dir.resolve("token");
        assertThat(proxy.admin("PUT", "/config", TOKEN, hot.formatted(listen, adminListen, token)).statusCode()).isEqualTo(200);
        assertThat(proxy.admin("GET", "/status", null, null).body()).contains("\"config_version\" : 3")
                .contains("\"algorithm\" : \"ip-hash\"");
        String first = proxy.get("/").body();
        for (int i = 0; i < 10; i++) {
            assertThat(proxy.get("/").body()).isEqualTo(first);
        }

        HttpResponse<String> restart = proxy.admin("PUT", "/config", TOKEN,
                hot.formatted("127.0.0.1:1", adminListen, token).replace("\"version\":3", "\"version\":4"));
        assertThat(restart.statusCode()).isEqualTo(409);
        assertThat(restart.body()).contains("listen");
        HttpResponse<String> invalid = proxy.admin("PUT", "/config", TOKEN,
                hot.formatted(listen, adminListen, token).replace("\"version\":3", "\"version\":5").replace("ip-hash", "fastest"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("unknown algorithm \\\"fastest\\\"");
        assertThat(proxy.admin("PUT", "/config", TOKEN, hot.formatted(listen, adminListen, token).replace("\"version\":3", "\"version\":2"))
                .statusCode()).isEqualTo(409);
    }

    @Test
    void aPushedConfigKeepsThisInstancesListenHostsAndTokenFile() throws Exception {
        dynamicProxy();
        proxy.admin("PUT", "/backends", TOKEN, push(1, a, b));
        // as the operator renders it for every pod: wildcard hosts, the token file of the pod spec
        String fleet = "{\"version\":%d,\"config\":{\"mode\":\"http\",\"listen\":\":%d\",\"dynamic_backends\":true,"
                + "\"admin\":{\"listen\":\":%d\",\"token_file\":\"/etc/balance/admin-token/token\"},"
                + "\"load_balancer\":{\"algorithm\":\"%s\"}}}";
        int port = proxy.port();
        int adminPort = proxy.server().adminAddress().getPort();

        HttpResponse<String> pushed = proxy.admin("PUT", "/config", TOKEN, fleet.formatted(7, port, adminPort, "least-connections"));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
        String status = proxy.admin("GET", "/status", null, null).body();
        assertThat(status).contains("\"config_version\" : 7").contains("\"algorithm\" : \"least-connections\"")
                .contains("\"listen\" : \"127.0.0.1:" + port + "\"");
        assertThat(proxy.admin("PUT", "/config", TOKEN, fleet.formatted(8, port, adminPort, "round-robin")).statusCode())
                .as("the bearer token still comes from this instance's file").isEqualTo(200);
        assertThat(proxy.get("/").statusCode()).isEqualTo(200);

        HttpResponse<String> otherPort = proxy.admin("PUT", "/config", TOKEN, fleet.formatted(9, port + 1, adminPort, "round-robin"));
        assertThat(otherPort.statusCode()).isEqualTo(409);
        assertThat(otherPort.body()).contains("listen");
    }
}
