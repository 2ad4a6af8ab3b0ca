package io.balance.operator.endpoints;

import io.balance.operator.admin.BackendEntry;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * EndpointSlices of one Service in, the backend set out. Pure, no I/O.
 *
 * <ul>
 * <li>Ready endpoints ({@code ready} true, or unset, which Kubernetes says to read as ready) are used.</li>
 * <li>Endpoints that are {@code serving} and {@code terminating} are used only when no endpoint of any
 *     slice is ready: a Service whose pods all shut down gracefully keeps serving until they are gone.</li>
 * <li>Everything else (not ready, not serving) is skipped.</li>
 * <li>The port: a name matches the slice port of that name; a number matches the slice port with that
 *     number; the reconciler first maps a Service port number to the Service port's name
 *     ({@link #servicePort}), since slices list the pods' target ports under the Service ports' names.</li>
 * <li>Several slices are merged; an address seen twice counts once; the result is sorted by address.</li>
 * </ul>
 * A backend's name is its pod (the endpoint's targetRef) or, without one, its address.
 */
public final class EndpointSetBuilder {
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private EndpointSetBuilder() {
    }

    public static List<BackendEntry> fromSlices(Collection<EndpointSlice> slices, IntOrString port) {
        Map<String, BackendEntry> ready = new TreeMap<>();
        Map<String, BackendEntry> terminating = new TreeMap<>();
        for (EndpointSlice slice : slices) {
            Integer number = portOf(slice, port);
            if (number == null || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint endpoint : slice.getEndpoints()) {
                Map<String, BackendEntry> target = switch (state(endpoint.getConditions())) {
                    case READY -> ready;
                    case TERMINATING -> terminating;
                    case SKIP -> null;
                };
                if (target == null || endpoint.getAddresses() == null) {
                    continue;
                }
                for (String ip : endpoint.getAddresses()) {
                    String address = address(ip, number);
                    String name = endpoint.getTargetRef() != null && endpoint.getTargetRef().getName() != null
                            && endpoint.getAddresses().size() == 1 ? endpoint.getTargetRef().getName() : address;
                    target.putIfAbsent(address, BackendEntry.of(name, address));
                }
            }
        }
        return List.copyOf((ready.isEmpty() ? terminating : ready).values());
    }

    /** Static addresses from the spec, used as they are (deduplicated, sorted). */
    public static List<BackendEntry> fromAddresses(List<String> addresses) {
        Map<String, BackendEntry> set = new TreeMap<>();
        addresses.forEach(a -> set.putIfAbsent(a, BackendEntry.of(a, a)));
        return List.copyOf(set.values());
    }

    /**
     * The port to look for in the slices: a number that is one of the Service's ports becomes that
     * port's name (empty for a Service's single unnamed port), as the slices carry it; anything
     * else (a name, or a number the Service does not have, or no Service) is kept as it is.
     */
    public static IntOrString servicePort(IntOrString port, io.fabric8.kubernetes.api.model.Service service) {
        if (port == null || port.getIntVal() == null || service == null || service.getSpec() == null
                || service.getSpec().getPorts() == null) {
            return port;
        }
        return service.getSpec().getPorts().stream()
                .filter(p -> port.getIntVal().equals(p.getPort()))
                .findFirst()
                .map(p -> new IntOrString(p.getName() == null ? "" : p.getName()))
                .orElse(port);
    }

    static String address(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    private enum State { READY, TERMINATING, SKIP }

    private static State state(EndpointConditions c) {
        if (c == null || c.getReady() == null || c.getReady()) {
            boolean terminating = c != null && Boolean.TRUE.equals(c.getTerminating());
            return terminating ? (Boolean.FALSE.equals(c.getServing()) ? State.SKIP : State.TERMINATING) : State.READY;
        }
        boolean serving = Boolean.TRUE.equals(c.getServing());
        boolean terminating = Boolean.TRUE.equals(c.getTerminating());
        return serving && terminating ? State.TERMINATING : State.SKIP;
    }

    private static Integer portOf(EndpointSlice slice, IntOrString wanted) {
        List<EndpointPort> ports = slice.getPorts() == null ? List.of() : new ArrayList<>(slice.getPorts());
        if (wanted == null) {
            return ports.size() == 1 ? ports.get(0).getPort() : null;
        }
        for (EndpointPort p : ports) {
            if (wanted.getStrVal() != null ? wanted.getStrVal().equals(p.getName() == null ? "" : p.getName())
                    : wanted.getIntVal() != null && wanted.getIntVal().equals(p.getPort())) {
                return p.getPort();
            }
        }
        return null;
    }
}
