package io.balance.operator.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.operator.admin.BackendEntry;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSetBuilderTest {

    static Endpoint endpoint(String ip, String pod, Boolean ready, Boolean serving, Boolean terminating) {
        var builder = new EndpointBuilder().withAddresses(ip);
        if (pod != null) {
            builder.withNewTargetRef().withKind("Pod").withName(pod).endTargetRef();
        }
        if (ready != null || serving != null || terminating != null) {
            builder.withNewConditions().withReady(ready).withServing(serving).withTerminating(terminating).endConditions();
        }
        return builder.build();
    }

    static EndpointSlice slice(String name, String portName, int port, Endpoint... endpoints) {
        return new EndpointSliceBuilder()
                .withNewMetadata().withName(name).addToLabels(EndpointSetBuilder.SERVICE_NAME_LABEL, "web-backend").endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName(portName).withPort(port).withProtocol("TCP").endPort()
                .withEndpoints(endpoints)
                .build();
    }

    private static List<String> addresses(List<BackendEntry> set) {
        return set.stream().map(BackendEntry::address).toList();
    }

    @Test
    void usesReadyEndpointsAndSkipsNotReadyOnes() {
        var set = EndpointSetBuilder.fromSlices(List.of(slice("a", "http", 8080,
                endpoint("10.0.0.2", "web-2", true, true, false),
                endpoint("10.0.0.1", "web-1", null, null, null),
                endpoint("10.0.0.3", "web-3", false, false, false))), new IntOrString("http"));

        assertThat(set).containsExactly(BackendEntry.of("web-1", "10.0.0.1:8080"), BackendEntry.of("web-2", "10.0.0.2:8080"));
    }

    @Test
    void servingTerminatingEndpointsAreUsedOnlyWhenNoneIsReady() {
        Endpoint terminating = endpoint("10.0.0.9", "old", false, true, true);
        var withReady = EndpointSetBuilder.fromSlices(List.of(slice("a", "http", 8080,
                terminating, endpoint("10.0.0.1", "new", true, true, false))), new IntOrString("http"));
        var withoutReady = EndpointSetBuilder.fromSlices(List.of(slice("a", "http", 8080,
                terminating, endpoint("10.0.0.8", "gone", false, false, true))), new IntOrString("http"));

        assertThat(addresses(withReady)).containsExactly("10.0.0.1:8080");
        assertThat(addresses(withoutReady)).as("graceful termination: serving and terminating").containsExactly("10.0.0.9:8080");
    }

    @Test
    void resolvesThePortByNameOrByNumber() {
        EndpointSlice twoPorts = new EndpointSliceBuilder(slice("a", "http", 8080, endpoint("10.0.0.1", "p", true, null, null)))
                .addNewPort().withName("metrics").withPort(9100).endPort().build();

        assertThat(addresses(EndpointSetBuilder.fromSlices(List.of(twoPorts), new IntOrString("metrics"))))
                .containsExactly("10.0.0.1:9100");
        assertThat(addresses(EndpointSetBuilder.fromSlices(List.of(twoPorts), new IntOrString(8080))))
                .containsExactly("10.0.0.1:8080");
        assertThat(EndpointSetBuilder.fromSlices(List.of(twoPorts), new IntOrString("grpc"))).as("no such port").isEmpty();
    }

    @Test
    void aServicePortNumberIsMatchedByTheServicePortsName() {
        var service = new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewSpec()
                .addNewPort().withName("http").withPort(80).withNewTargetPort(8080).endPort().endSpec().build();
        var unnamed = new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewSpec()
                .addNewPort().withPort(80).withNewTargetPort(8080).endPort().endSpec().build();
        EndpointSlice named = slice("a", "http", 8080, endpoint("10.0.0.1", "p", true, null, null));
        EndpointSlice anonymous = slice("b", null, 8080, endpoint("10.0.0.2", "q", true, null, null));

        assertThat(addresses(EndpointSetBuilder.fromSlices(List.of(named),
                EndpointSetBuilder.servicePort(new IntOrString(80), service)))).containsExactly("10.0.0.1:8080");
        assertThat(addresses(EndpointSetBuilder.fromSlices(List.of(anonymous),
                EndpointSetBuilder.servicePort(new IntOrString(80), unnamed)))).containsExactly("10.0.0.2:8080");
        assertThat(EndpointSetBuilder.servicePort(new IntOrString(8080), service)).as("not a Service port: kept")
                .isEqualTo(new IntOrString(8080));
        assertThat(EndpointSetBuilder.servicePort(new IntOrString(80), null)).isEqualTo(new IntOrString(80));
    }

    @Test
    void mergesSeveralSlicesDeduplicatedAndSorted() {
        var set = EndpointSetBuilder.fromSlices(List.of(
                slice("b", "http", 8080, endpoint("10.0.0.3", "web-3", true, null, null), endpoint("10.0.0.1", "web-1", true, null, null)),
                slice("a", "http", 8080, endpoint("10.0.0.2", "web-2", true, null, null), endpoint("10.0.0.1", "web-1", true, null, null))),
                new IntOrString("http"));

        assertThat(addresses(set)).containsExactly("10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080");
    }

    @Test
    void namesAnEndpointWithoutAPodByItsAddressAndBracketsIpv6() {
        var set = EndpointSetBuilder.fromSlices(List.of(slice("a", "http", 8080,
                endpoint("fd00::7", null, true, null, null))), new IntOrString("http"));

        assertThat(set).containsExactly(BackendEntry.of("[fd00::7]:8080", "[fd00::7]:8080"));
    }

    @Test
    void staticAddressesAreUsedAsTheyAre() {
        assertThat(addresses(EndpointSetBuilder.fromAddresses(List.of("b.example:80", "10.0.0.1:80", "b.example:80"))))
                .containsExactly("10.0.0.1:80", "b.example:80");
    }
}
