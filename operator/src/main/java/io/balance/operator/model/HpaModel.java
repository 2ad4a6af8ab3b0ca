package io.balance.operator.model;

import io.balance.operator.crd.AutoscalingSpec;
import io.balance.operator.crd.BalanceProxy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;

/** An autoscaling/v2 HPA on CPU utilisation, targeting the proxy Deployment. */
public final class HpaModel {
    private HpaModel() {
    }

    public static HorizontalPodAutoscaler build(BalanceProxy proxy) {
        AutoscalingSpec autoscaling = proxy.getSpec().autoscaling();
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(Owned.meta(proxy, Names.hpa(proxy)))
                .withNewSpec()
                    .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(Names.deployment(proxy)).endScaleTargetRef()
                    .withMinReplicas(minReplicas(autoscaling))
                    .withMaxReplicas(autoscaling.maxReplicas())
                    .addNewMetric()
                        .withType("Resource")
                        .withNewResource()
                            .withName("cpu")
                            .withNewTarget().withType("Utilization").withAverageUtilization(targetCpu(autoscaling)).endTarget()
                        .endResource()
                    .endMetric()
                .endSpec()
                .build();
    }

    public static int minReplicas(AutoscalingSpec autoscaling) {
        return autoscaling.minReplicas() == null ? Defaults.MIN_REPLICAS : autoscaling.minReplicas();
    }

    private static int targetCpu(AutoscalingSpec autoscaling) {
        Integer target = autoscaling.targetCPUUtilizationPercentage();
        return target == null ? Defaults.TARGET_CPU_PERCENT : target;
    }
}
