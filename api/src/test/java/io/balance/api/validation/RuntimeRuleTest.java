package io.balance.api.validation;

import static io.balance.api.validation.Validate.assertClean;
import static io.balance.api.validation.Validate.errors;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeRuleTest {

    @Test
    void unknownTransportIsRejected() {
        assertThat(errors("transport: {type: kqueue}")).containsExactly(
                "transport.type: unknown transport \"kqueue\"; valid: auto, io_uring, epoll, nio");
    }

    @Test
    void eventLoopsMustBeInRange() {
        assertThat(errors("transport: {event_loops: -1}")).containsExactly(
                "transport.event_loops: must be between 0 and 256; got -1");
        assertThat(errors("transport: {event_loops: 257}")).containsExactly(
                "transport.event_loops: must be between 0 and 256; got 257");
    }

    @Test
    void metricsPathMustBeAnAbsolutePath() {
        assertThat(errors("metrics: {path: metrics}")).containsExactly(
                "metrics.path: must start with / and name a path, e.g. /metrics");
        assertThat(errors("metrics: {path: /}")).containsExactly(
                "metrics.path: must start with / and name a path, e.g. /metrics");
    }

    @Test
    void metricsPathMustNotShadowAnAdminEndpoint() {
        assertThat(errors("metrics: {path: /status}")).containsExactly(
                "metrics.path: /status is already an admin API endpoint");
        assertThat(errors("metrics: {path: /backends}")).containsExactly(
                "metrics.path: /backends is already an admin API endpoint");
    }

    @Test
    void acceptsEveryTransport() {
        for (String type : new String[] {"auto", "io_uring", "epoll", "nio"}) {
            assertClean("transport: {type: " + type + ", event_loops: 0}");
        }
        assertClean("transport: {event_loops: 256}\nmetrics: {enabled: false, path: /prometheus}");
    }
}
