package io.balance.operator.dependent;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.Defaults;
import io.balance.operator.model.DeploymentModel;
import io.balance.operator.model.HpaModel;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The proxy Deployment. While autoscaling is set the HPA owns the replica count: the live count
 * is copied into what is written, so neither an update nor server-side apply resets it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class DeploymentDependent extends OwnedDependent<Deployment> {
    public static final String NAME = "deployment";

    public DeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    String objectName(BalanceProxy primary) {
        return Names.deployment(primary);
    }

    @Override
    protected Deployment desired(BalanceProxy primary, Context<BalanceProxy> context) {
        return DeploymentModel.build(primary, DesiredInputs.from(context).defaultImage(), replicas(primary, context));
    }

    /** The mode the running pods were started in, or null. */
    public static String runningMode(Deployment live) {
        var annotations = live.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(DeploymentModel.MODE_ANNOTATION);
    }

    private int replicas(BalanceProxy primary, Context<BalanceProxy> context) {
        var autoscaling = primary.getSpec().autoscaling();
        if (autoscaling == null) {
            return Defaults.replicas(primary.getSpec());
        }
        return getSecondaryResource(primary, context)
                .map(live -> live.getSpec().getReplicas())
                .orElse(HpaModel.minReplicas(autoscaling));
    }
}
