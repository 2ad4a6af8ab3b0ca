package io.balance.operator.rbac;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.reconciler.BalanceProxyReconciler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything the operator does against the API server, as RBAC grants. The owned kinds are read
 * from the reconciler's workflow, so a new dependent shows up here by itself; the RBAC test
 * checks {@code deploy/} grants exactly this, nothing less and nothing more.
 */
public final class RequiredPermissions {
    /** Informer (list, watch), create, and update (plain PUT) or patch (server-side apply). */
    static final Set<String> OWNED = Set.of("list", "watch", "create", "update", "patch");

    private RequiredPermissions() {
    }

    /** Grants across all watched namespaces (the ClusterRole). */
    public static List<Permission> clusterWide() {
        List<Permission> permissions = new ArrayList<>();
        permissions.add(new Permission(BalanceProxy.GROUP, "balanceproxies", Set.of("get", "list", "watch"),
                "the primary resource's informer"));
        permissions.add(new Permission(BalanceProxy.GROUP, "balanceproxies/status", Set.of("patch"),
                "status written as a patch (merge or server-side apply)"));
        permissions.add(new Permission(BalanceProxy.GROUP, "balanceproxies", Set.of("create"),
                "the webhook's probe: a known-bad BalanceProxy created with dryRun=All (never stored) before failurePolicy becomes Fail"));
        permissions.add(new Permission("", "events", Set.of("create"), "rejections told as Events"));
        permissions.add(new Permission("admissionregistration.k8s.io", "validatingwebhookconfigurations",
                Set.of("get", "create", "update", "patch"),
                "the operator's own ValidatingWebhookConfiguration: created, caBundle and failurePolicy kept up to date"));
        permissions.add(new Permission("", "pods", Set.of("list", "watch"), "endpoint sync: the proxy pods to push to"));
        permissions.add(new Permission("discovery.k8s.io", "endpointslices", Set.of("list", "watch"),
                "endpoint sync: the backend Service's endpoints"));
        for (Dependent dependent : BalanceProxyReconciler.class.getAnnotation(Workflow.class).dependents()) {
            permissions.add(forDependent(dependent));
        }
        return permissions;
    }

    /** Grants in the operator's own namespace (a Role): the leader-election Lease and the webhook's certificate Secret. */
    public static List<Permission> operatorNamespace() {
        return List.of(new Permission("coordination.k8s.io", "leases", Set.of("get", "create", "update"),
                "leader election"),
                new Permission("", "secrets", Set.of("get", "create", "update"),
                        "the webhook's CA and serving certificate: every replica loads it, the leader creates and rotates it"));
    }

    private static Permission forDependent(Dependent dependent) {
        Class<? extends HasMetadata> kind = resourceType(dependent.type());
        Set<String> verbs = new java.util.HashSet<>(OWNED);
        if (dependent.reconcilePrecondition() != Condition.class) {
            verbs.add("delete"); // a precondition turning false deletes the object
        }
        return new Permission(HasMetadata.getGroup(kind), HasMetadata.getPlural(kind), verbs,
                "dependent " + dependent.name());
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends HasMetadata> resourceType(@SuppressWarnings("rawtypes") Class<? extends DependentResource> type) {
        try {
            return (Class<? extends HasMetadata>) type.getDeclaredConstructor().newInstance().resourceType();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + type, e);
        }
    }
}
