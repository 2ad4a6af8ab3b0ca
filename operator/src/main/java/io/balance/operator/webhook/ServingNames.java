package io.balance.operator.webhook;

import java.util.List;

/**
 * The names the API server reaches the webhook by: {@code <service>.<namespace>.svc} and
 * {@code <service>.<namespace>.svc.cluster.local} in a cluster; a loopback address when the
 * webhook config uses a URL (tests).
 */
public record ServingNames(List<String> dnsNames, List<String> ipAddresses) {

    public ServingNames {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("a serving certificate needs at least one name");
        }
    }

    public static ServingNames forService(String service, String namespace) {
        String svc = service + "." + namespace + ".svc";
        return new ServingNames(List.of(svc, svc + ".cluster.local", service + "." + namespace, service), List.of());
    }
}
