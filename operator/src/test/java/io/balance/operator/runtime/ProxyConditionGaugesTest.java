package io.balance.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.BalanceProxyStatus;
import io.balance.operator.crd.Condition;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyConditionGaugesTest {

    @Test
    void everyConditionReadsZeroFromTheStartUnderItsPrometheusName() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ProxyConditionGauges(registry);

        String text = registry.scrape();

        for (String condition : List.of("Accepted", "Programmed", "Ready", "Degraded")) {
            assertThat(text).contains("balance_operator_proxies{condition=\"" + condition + "\"} 0.0");
        }
    }

    @Test
    void countsTheProxiesWhoseConditionIsTrue() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProxyConditionGauges gauges = new ProxyConditionGauges(registry);
        BalanceProxy ready = withConditions(new Condition(Condition.READY, Condition.TRUE, "r", "m", 1L, "t"),
                new Condition(Condition.ACCEPTED, Condition.TRUE, "r", "m", 1L, "t"));
        BalanceProxy notReady = withConditions(new Condition(Condition.READY, Condition.FALSE, "r", "m", 1L, "t"),
                new Condition(Condition.ACCEPTED, Condition.TRUE, "r", "m", 1L, "t"));

        gauges.readFrom(() -> List.of(ready, notReady, Fixtures.stored(Fixtures.quickstart())));

        assertThat(gauges.count(Condition.ACCEPTED)).isEqualTo(2);
        assertThat(gauges.count(Condition.READY)).isEqualTo(1);
        assertThat(gauges.count(Condition.DEGRADED)).isZero();
    }

    private static BalanceProxy withConditions(Condition... conditions) {
        BalanceProxy proxy = Fixtures.stored(Fixtures.quickstart());
        proxy.setStatus(new BalanceProxyStatus(1L, 0, 0, 0, "", null, List.of(conditions)));
        return proxy;
    }
}
