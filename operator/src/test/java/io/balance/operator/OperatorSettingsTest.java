package io.balance.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

    @Test
    void defaultsWatchEveryNamespaceWithLeaderElectionAndTheMatchingProxyImage() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of());
        assertThat(settings.watchesAllNamespaces()).isTrue();
        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.healthPort()).isEqualTo(8081);
        assertThat(settings.defaultImage()).isEqualTo("balance/proxy:" + OperatorSettings.version());
        assertThat(OperatorSettings.version()).isNotEqualTo("latest").doesNotStartWith("$");
    }

    @Test
    void readsTheWatchedNamespacesAndOverridesFromTheEnvironment() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of(
                "WATCH_NAMESPACES", " team-a, team-b ,,", "BALANCE_PROXY_IMAGE", "registry.local/balance:1",
                "LEADER_ELECTION", "false", "POD_NAMESPACE", "balance-system", "HEALTH_PORT", "9000"));
        assertThat(settings.watchNamespaces()).isEqualTo(Set.of("team-a", "team-b"));
        assertThat(settings.defaultImage()).isEqualTo("registry.local/balance:1");
        assertThat(settings.leaderElection()).isFalse();
        assertThat(settings.leaseNamespace()).isEqualTo("balance-system");
        assertThat(settings.healthPort()).isEqualTo(9000);
    }
}
