package io.balance.api.validation;

import static io.balance.api.validation.Validate.ONE_BACKEND;
import static io.balance.api.validation.Validate.assertClean;
import static io.balance.api.validation.Validate.errors;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.ConfigLoader;
import io.balance.api.config.ProxyConfig;
import org.junit.jupiter.api.Test;

class ListenRuleTest {

    @Test
    void bareNumberForListenSaysHowToWriteAPort() {
        assertThat(errors("listen: 8080")).containsExactly(
                "listen: address \"8080\" is a bare port; write \":8080\" for every interface or host:port, e.g. 10.0.0.5:8080");
    }

    @Test
    void listenWithoutPortIsRejected() {
        assertThat(errors("listen: localhost")).containsExactly(
                "listen: address \"localhost\" has no port; use host:port, e.g. 10.0.0.5:8080");
    }

    @Test
    void listenPortOutOfRangeIsRejected() {
        assertThat(errors("listen: \":99999\"")).containsExactly(
                "listen: port 99999 in address \":99999\" is out of range 1-65535");
    }

    @Test
    void emptyListenIsRejected() {
        assertThat(errors("listen: \"\"")).containsExactly(
                "listen: address is empty; use host:port, e.g. 10.0.0.5:8080");
    }

    @Test
    void unbracketedIpv6ListenIsRejected() {
        assertThat(errors("listen: \"::1:8080\"")).containsExactly(
                "listen: invalid address \"::1:8080\"; write IPv6 addresses in brackets, e.g. [::1]:8080");
    }

    @Test
    void invalidAdminListenIsReportedAtAdminListen() {
        assertThat(errors("admin: {listen: \":admin\"}")).containsExactly(
                "admin.listen: invalid port \"admin\" in address \":admin\"; ports are 1-65535");
    }

    @Test
    void bothListenersBrokenAreBothReported() {
        assertThat(errors("listen: \":0\"\nadmin: {listen: \"[::1]\"}")).containsExactly(
                "listen: port 0 in address \":0\" is out of range 1-65535",
                "admin.listen: invalid address \"[::1]\"; IPv6 addresses look like [::1]:8080");
    }

    @Test
    void adminOnTheTrafficPortClashes() {
        assertThat(errors("listen: \":8080\"\nadmin: {listen: \":8080\"}")).containsExactly(
                "admin.listen: port 8080 clashes with the traffic listener (listen: \":8080\");"
                        + " give the admin API its own port, e.g. \":9090\"");
    }

    @Test
    void aTrafficListenerOnTheDefaultAdminPortIsToldAboutTheDefaultAndOfferedAnotherPort() {
        assertThat(errors("listen: \":9090\"")).containsExactly(
                "admin.listen: port 9090 (the default admin.listen, \":9090\") clashes with the traffic listener (listen: \":9090\");"
                        + " give the admin API its own port, e.g. \":9091\"");
    }

    @Test
    void adminOnEveryInterfaceClashesWithATrafficListenerOnOneHost() {
        assertThat(errors("listen: \"127.0.0.1:9000\"\nadmin: {listen: \":9000\"}")).containsExactly(
                "admin.listen: port 9000 clashes with the traffic listener (listen: \"127.0.0.1:9000\");"
                        + " give the admin API its own port, e.g. \":9090\"");
    }

    @Test
    void adminOnTheSameHostAndPortClashes() {
        assertThat(errors("listen: \"127.0.0.1:9000\"\nadmin: {listen: \"127.0.0.1:9000\"}")).hasSize(1)
                .first().asString().startsWith("admin.listen: port 9000 clashes with the traffic listener");
    }

    @Test
    void samePortOnDifferentHostsIsFine() {
        assertClean("listen: \"127.0.0.1:8080\"\nadmin: {listen: \"127.0.0.2:8080\"}");
    }

    @Test
    void acceptsEveryAddressSpelling() {
        assertClean("listen: \":8080\"\nadmin: {listen: \":9090\"}");
        assertClean("listen: \"0.0.0.0:8080\"\nadmin: {listen: \"127.0.0.1:9090\"}");
        assertClean("listen: \"[::]:8080\"\nadmin: {listen: \"[::1]:9090\"}");
        assertClean("listen: \"localhost:8080\"");
    }

    @Test
    void withoutAdminListenTheMetricsAddressBecomesTheAdminListener() throws Exception {
        ProxyConfig config = ConfigLoader.yaml().parse(ONE_BACKEND + "metrics: {enabled: true, listen: \":9100\"}", "t").config();
        assertThat(config.admin().listen()).isEqualTo(":9100");
        assertThat(config.metrics().listen()).isEqualTo(":9100");
        assertClean("metrics: {enabled: true, listen: \":9100\", path: /metrics}");
    }

    @Test
    void withNeitherAddressTheAdminListenerIsOn9090() throws Exception {
        ProxyConfig config = ConfigLoader.yaml().parse(ONE_BACKEND, "t").config();
        assertThat(config.admin().listen()).isEqualTo(":9090");
        assertThat(config.metrics().listen()).isNull();
    }

    @Test
    void adminListenWinsWhenBothNameTheSameAddress() {
        assertClean("admin: {listen: \"127.0.0.1:9100\"}\nmetrics: {listen: \"127.0.0.1:9100\"}");
    }

    @Test
    void metricsListenThatDiffersFromAdminListenIsAnError() {
        assertThat(errors("admin: {listen: \":9090\"}\nmetrics: {listen: \":9100\"}")).containsExactly(
                "metrics.listen: metrics are served on the admin listener (admin.listen: \":9090\");"
                        + " remove metrics.listen or set it to the same address");
        assertThat(errors("admin: {listen: \":9090\"}\nmetrics: {listen: \"0.0.0.0:9090\"}")).containsExactly(
                "metrics.listen: metrics are served on the admin listener (admin.listen: \":9090\");"
                        + " remove metrics.listen or set it to the same address");
    }

    @Test
    void anInvalidMetricsListenIsReportedOnceAtItsOwnPath() {
        assertThat(errors("metrics: {listen: \"9100\"}")).containsExactly(
                "metrics.listen: address \"9100\" is a bare port; write \":9100\" for every interface or host:port, e.g. 10.0.0.5:9100");
        assertThat(errors("admin: {listen: \":9090\"}\nmetrics: {listen: \":metrics\"}")).containsExactly(
                "metrics.listen: invalid port \"metrics\" in address \":metrics\"; ports are 1-65535");
    }

    @Test
    void aMetricsAddressOnTheTrafficPortClashesAtMetricsListen() {
        assertThat(errors("listen: \":8080\"\nmetrics: {listen: \":8080\"}")).containsExactly(
                "metrics.listen: port 8080 clashes with the traffic listener (listen: \":8080\");"
                        + " give the admin API its own port, e.g. \":9090\"");
    }
}
