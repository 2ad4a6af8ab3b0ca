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
        BootstrapBackends set = BootstrapBackends.ofAddresses(42, java.util.List.of("10.0.0.1:80", "10.0.0.2:80"));
        assertThat(BootstrapBackends.parse(set.toJson())).isEqualTo(set);
        assertThat(set.toJson()).isEqualTo("{\"version\":42,\"backends\":[{\"name\":\"10.0.0.1:80\",\"address\":\"10.0.0.1:80\",\"weight\":1,"
                + "\"max_connections\":0},{\"name\":\"10.0.0.2:80\",\"address\":\"10.0.0.2:80\",\"weight\":1,\"max_connections\":0}]}");
        assertThat(BootstrapBackends.parse("not json")).isNull();
    }

    @Test
    void theBootstrapSetIsTheConfigFilesBackendList() throws Exception {
        BalanceProxy proxy = Fixtures.stored(Fixtures.quickstart());
        var config = new SpecValidator().validate(proxy).config();
        var set = new BootstrapBackends(1700000000000L, java.util.List.of(
                io.balance.operator.admin.BackendEntry.of("backend-0", "10.1.0.1:8080"),
                io.balance.operator.admin.BackendEntry.of("backend-1", "10.1.0.2:8080")));

        String text = ConfigMapModel.build(proxy, config, set).getData().get(Names.CONFIG_KEY);
        LoadedConfig loaded = ConfigLoader.yaml().parse(text, "config.yaml");

        assertThat(new ConfigValidator().validate(loaded).isValid()).isTrue();
        assertThat(loaded.config().dynamicBackends()).isTrue();
        assertThat(loaded.config().backends()).extracting(b -> b.name() + "=" + b.address())
                .containsExactly("backend-0=10.1.0.1:8080", "backend-1=10.1.0.2:8080");
    }
}
