package io.balance.api.validation;

import static io.balance.api.validation.Validate.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.BackendConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsRuleTest {

    @Test
    void anEmptyListNeedsDynamicBackends() {
        assertThat(errors("backends: []")).containsExactly(
                "backends: at least one backend is required (or set dynamic_backends: true to have the admin API fill the list)");
    }

    @Test
    void aMissingListNeedsDynamicBackends() {
        assertThat(errors("mode: http")).containsExactly(
                "backends: at least one backend is required (or set dynamic_backends: true to have the admin API fill the list)");
    }

    @Test
    void anEmptyBackendsKeyIsAnEmptyList() {
        assertThat(errors("dynamic_backends: true\nbackends:\nmode: http")).isEmpty();
        assertThat(errors("backends:\nmode: http")).containsExactly(
                "backends: at least one backend is required (or set dynamic_backends: true to have the admin API fill the list)");
    }

    @Test
    void anEmptyEntryIsReportedAtItsIndex() {
        assertThat(errors("backends: [{address: \"127.0.0.1:9001\"}, ~]")).containsExactly(
                "backends[1]: empty backend entry");
    }

    @Test
    void anEntryWithNothingAfterItsDashIsEmptyAndTheRestIsStillChecked() {
        assertThat(errors("backends:\n  -\n  - address: \"127.0.0.1:9001\"\nload_balancer:\n  algorithm: nope\nhealth_check:\n"))
                .containsExactlyInAnyOrder(
                        "backends[0]: empty backend entry",
                        "load_balancer.algorithm: unknown algorithm \"nope\"; valid: round-robin, weighted-round-robin, least-connections, "
                                + "weighted-least-connections, random, consistent-hash, bounded-consistent-hash, ip-hash");
    }

    @Test
    void addressIsRequired() {
        assertThat(errors("backends: [{name: api, weight: 2}]")).containsExactly(
                "backends[0].address: address is required, e.g. 10.0.0.5:8080");
        assertThat(errors("backends: [{address: \" \"}]")).containsExactly(
                "backends[0].address: address is required, e.g. 10.0.0.5:8080");
    }

    @Test
    void anAddressWithSpacesAroundItIsNotASecondBackend() {
        assertThat(errors("backends: [{address: \"127.0.0.1:9001\"}, {address: \" 127.0.0.1:9001\"}, {address: \"127.0.0.1:9001\\t\"}]"))
                .containsExactly(
                        "backends[1].address: address \" 127.0.0.1:9001\" has spaces around it; write 127.0.0.1:9001",
                        "backends[2].address: address \"127.0.0.1:9001\t\" has spaces around it; write 127.0.0.1:9001");
    }

    @Test
    void addressWithoutPortIsRejected() {
        assertThat(errors("backends: [{address: web-1}]")).containsExactly(
                "backends[0].address: address \"web-1\" has no port; use host:port, e.g. 10.0.0.5:8080");
    }

    @Test
    void addressWithoutHostIsRejected() {
        assertThat(errors("backends: [{address: \":9001\"}]")).containsExactly(
                "backends[0].address: address \":9001\" has no host; use host:port");
    }

    @Test
    void addressWithBadHostOrPortIsRejected() {
        assertThat(errors("backends: [{address: \"web 1:80\"}, {address: \"10.0.0.1:http\"}]")).containsExactly(
                "backends[0].address: invalid host \"web 1\" in address \"web 1:80\"",
                "backends[1].address: invalid port \"http\" in address \"10.0.0.1:http\"; ports are 1-65535");
    }

    @Test
    void duplicateAddressIsReportedOnceEvenWithDefaultedNames() {
        assertThat(errors("backends: [{address: \"127.0.0.1:9001\"}, {address: \"127.0.0.1:9001\"}]")).containsExactly(
                "backends[1].address: address \"127.0.0.1:9001\" is already used by backends[0]");
    }

    @Test
    void duplicateNameIsRejected() {
        assertThat(errors("""
                backends:
                  - {name: api, address: "127.0.0.1:9001"}
                  - {name: api, address: "127.0.0.1:9002"}
                """)).containsExactly(
                "backends[1].name: name \"api\" is already used by backends[0]; names must be unique");
    }

    @Test
    void aDefaultedNameMayClashWithAnExplicitOne() {
        assertThat(errors("""
                backends:
                  - {name: "127.0.0.1:9002", address: "127.0.0.1:9001"}
                  - {address: "127.0.0.1:9002"}
                """)).containsExactly(
                "backends[1].name: name \"127.0.0.1:9002\" is already used by backends[0]; names must be unique");
    }

    @Test
    void weightMustBeInRange() {
        assertThat(errors("backends: [{address: \"127.0.0.1:9001\", weight: -1}, {address: \"127.0.0.1:9002\", weight: 10001}]"))
                .containsExactly(
                        "backends[0].weight: must be between 1 and 10000; got -1",
                        "backends[1].weight: must be between 1 and 10000; got 10001");
    }

    @Test
    void maxConnectionsMustNotBeNegative() {
        assertThat(errors("backends: [{address: \"127.0.0.1:9001\", max_connections: -1}]")).containsExactly(
                "backends[0].max_connections: must be 0 (unlimited) or more; got -1");
    }

    @Test
    void everyBrokenBackendIsReported() {
        assertThat(errors("""
                backends:
                  - {address: nohost}
                  - {address: "127.0.0.1:9002", weight: -5, max_connections: -2}
                  - {name: x}
                """)).containsExactly(
                "backends[0].address: address \"nohost\" has no port; use host:port, e.g. 10.0.0.5:8080",
                "backends[1].weight: must be between 1 and 10000; got -5",
                "backends[1].max_connections: must be 0 (unlimited) or more; got -2",
                "backends[2].address: address is required, e.g. 10.0.0.5:8080");
    }

    @Test
    void dynamicBackendsMayStartEmpty() {
        assertThat(file("dynamic_backends: true\nbackends: []").problems()).isEmpty();
        assertThat(file("dynamic_backends: true").problems()).isEmpty();
    }

    @Test
    void legacyMeaningsAreValid() {
        ValidationResult result = file("""
                backends:
                  - {address: "127.0.0.1:9001", weight: 0, max_connections: 0}
                  - {address: "localhost:9002"}
                  - {address: "[::1]:9003", weight: 10000}
                """);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void pushedBackendSetsAreCheckedLikeTheFile() {
        ValidationResult result = new ConfigValidator().validateBackends(List.of(
                BackendConfig.of("10.0.0.1:8080"),
                new BackendConfig("b", "10.0.0.1:8080", 101_000, null)));
        assertThat(result.render(PathStyle.FILE, result.errors())).containsExactly(
                "backends[1].address: address \"10.0.0.1:8080\" is already used by backends[0]",
                "backends[1].weight: must be between 1 and 10000; got 101000");
        assertThat(new ConfigValidator().validateBackends(List.of()).isValid()).isTrue();
    }

    private static List<String> errors(String yaml) {
        ValidationResult result = file(yaml);
        return result.render(PathStyle.FILE, result.errors());
    }
}
