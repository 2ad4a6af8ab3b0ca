package io.balance.operator.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The prometheus-operator's ServiceMonitor, untyped inside (its spec is a map), but with its
 * group, version and plural known in code: the client can then build an informer for it
 * without asking discovery, which fails while the CRD is not installed.
 */
@Group(ServiceMonitorModel.GROUP)
@Version(ServiceMonitorModel.VERSION)
@Kind(ServiceMonitorModel.KIND)
@Plural(ServiceMonitorModel.PLURAL)
public class ServiceMonitor extends GenericKubernetesResource implements Namespaced {
}
