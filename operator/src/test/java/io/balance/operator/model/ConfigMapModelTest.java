package io.balance.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.ConfigLoader;
import io.balance.api.config.LoadedConfig;
import io.balance.api.validation.ConfigValidator;
import io.balance.api.validation.PathStyle;
import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.validation.SpecValidator;
import org.junit.jupiter.api.Test;

class ConfigMapModelTest {

    @Test
    void theRenderedConfigLoadsInTheProxysOwnFormatAndValidates() throws Exception {
        BalanceProxy proxy = Fixtures.stored(Fixtures.quickstart());
        var config = new SpecValidator().validate(proxy).config();
        String text = ConfigMapModel.build(proxy, config, BootstrapBackends.empty()).getData().get(Names.CONFIG_KEY);

        LoadedConfig loaded = ConfigLoader.yaml().parse(text, "config.yaml");
        var result = new ConfigValidator().validate(loaded);

        assertThat(result.render(PathStyle.FILE, result.problems())).isEmpty();
        assertThat(loaded.config()).isEqualTo(config);
        assertThat(loaded.config().dynamicBackends()).isTrue();
        assertThat(loaded.config().admin().tokenFile()).isEqualTo(Names.TOKEN_FILE);
        assertThat(loaded.config().transport().type()).isEqualTo("epoll");
        assertThat(loaded.config().loadBalancer().algorithm().key()).isEqualTo("least-connections");
        assertThat(loaded.config().healthCheck().interval()).hasSeconds(5);
    }

    @Test
    void theBootstrapSetRoundTrips() {
        BootstrapBackends set = new BootstrapBackends(42, java.util.List.of("10.0.0.1:80", "10.0.0.2:80"));
        assertThat(BootstrapBackends.parse(set.toJson())).isEqualTo(set);
        assertThat(set.toJson()).isEqualTo("{\"version\":42,\"backends\":[{\"address\":\"10.0.0.1:80\"},{\"address\":\"10.0.0.2:80\"}]}");
        assertThat(BootstrapBackends.parse("not json")).isNull();
    }
}
