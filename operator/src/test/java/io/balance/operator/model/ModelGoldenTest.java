package io.balance.operator.model;

import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.validation.SpecValidator;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every owned object, rendered from the two example CRs, against its golden YAML. */
class ModelGoldenTest {
    private static final String IMAGE = "balance/proxy:0.1.0";

    @Test
    void quickstartRendersAsGolden() throws IOException {
        BalanceProxy proxy = Fixtures.stored(Fixtures.quickstart());
        renderAll(proxy, "quickstart", Defaults.replicas(proxy.getSpec()));
    }

    @Test
    void autoscaledRendersAsGolden() throws IOException {
        BalanceProxy proxy = Fixtures.stored(Fixtures.autoscaled());
        renderAll(proxy, "autoscaled", HpaModel.minReplicas(proxy.getSpec().autoscaling()));
        Golden.assertMatches(HpaModel.build(proxy), "autoscaled/hpa.yaml");
        Golden.assertMatches(PdbModel.build(proxy), "autoscaled/pdb.yaml");
        Golden.assertMatches(ServiceMonitorModel.build(proxy), "autoscaled/servicemonitor.yaml");
    }

    @Test
    void staticAddressesRenderIntoTheConfigAndTheBootstrapSet() throws IOException {
        BalanceProxy proxy = Fixtures.stored(Fixtures.copy(Fixtures.quickstart(), "default", "static", spec -> {
            spec.remove("backend");
            spec.putObject("backend").putArray("addresses").add("10.0.0.5:8080").add("[fd00::7]:8080");
            spec.put("mode", "tcp");
            spec.remove("healthCheck");
            spec.remove("service");
        }));
        var validation = new SpecValidator().validate(proxy);
        Golden.assertMatches(ConfigMapModel.build(proxy, validation.config(),
                BootstrapBackends.ofAddresses(0, List.of("10.0.0.5:8080", "[fd00::7]:8080"))), "static/configmap.yaml");
        Golden.assertMatches(ServiceModel.build(proxy), "static/service.yaml");
    }

    private static void renderAll(BalanceProxy proxy, String dir, int replicas) throws IOException {
        var validation = new SpecValidator().validate(proxy);
        Golden.assertMatches(AdminTokenSecretModel.build(proxy, "test-token"), dir + "/secret.yaml");
        Golden.assertMatches(ConfigMapModel.build(proxy, validation.config(), BootstrapBackends.empty()), dir + "/configmap.yaml");
        Golden.assertMatches(DeploymentModel.build(proxy, IMAGE, replicas), dir + "/deployment.yaml");
        Golden.assertMatches(ServiceModel.build(proxy), dir + "/service.yaml");
        Golden.assertMatches(AdminServiceModel.build(proxy), dir + "/admin-service.yaml");
        Golden.assertMatches(NetworkPolicyModel.build(proxy), dir + "/networkpolicy.yaml");
    }
}
