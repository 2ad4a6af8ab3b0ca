package io.balance.operator.reconciler;

import io.balance.operator.cluster.ApiCapabilities;
import io.balance.operator.cluster.FeatureAvailability;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.BalanceProxyStatus;
import io.balance.operator.dependent.AdminServiceDependent;
import io.balance.operator.dependent.AdminTokenSecretDependent;
import io.balance.operator.dependent.ConfigMapDependent;
import io.balance.operator.dependent.DeploymentDependent;
import io.balance.operator.dependent.DesiredInputs;
import io.balance.operator.dependent.HpaDependent;
import io.balance.operator.dependent.NetworkPolicyDependent;
import io.balance.operator.dependent.PdbDependent;
import io.balance.operator.dependent.ServiceDependent;
import io.balance.operator.dependent.ServiceMonitorDependent;
import io.balance.operator.model.BootstrapBackends;
import io.balance.operator.model.Names;
import io.balance.operator.status.DependentErrors;
import io.balance.operator.status.ObservedState;
import io.balance.operator.status.StatusBuilder;
import io.balance.operator.status.StatusPatch;
import io.balance.operator.validation.SpecValidation;
import io.balance.operator.validation.SpecValidator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Orchestrates one BalanceProxy: validate the spec, run the workflow of owned objects (only for
 * an accepted spec: a rejected one leaves the running objects as they are), then hand what was
 * observed to the status builder. One bad CR never blocks another: a rejection is a status and
 * an Event, not an exception.
 */
@Workflow(explicitInvocation = true, handleExceptionsInReconciler = true, dependents = {
    @Dependent(name = AdminTokenSecretDependent.NAME, type = AdminTokenSecretDependent.class),
    @Dependent(name = ConfigMapDependent.NAME, type = ConfigMapDependent.class),
    @Dependent(name = DeploymentDependent.NAME, type = DeploymentDependent.class,
            dependsOn = {AdminTokenSecretDependent.NAME, ConfigMapDependent.NAME}),
    @Dependent(name = ServiceDependent.NAME, type = ServiceDependent.class),
    @Dependent(name = AdminServiceDependent.NAME, type = AdminServiceDependent.class),
    @Dependent(name = HpaDependent.NAME, type = HpaDependent.class,
            reconcilePrecondition = HpaDependent.Requested.class, activationCondition = HpaDependent.ApiServed.class),
    @Dependent(name = PdbDependent.NAME, type = PdbDependent.class,
            reconcilePrecondition = PdbDependent.Requested.class, activationCondition = PdbDependent.ApiServed.class),
    @Dependent(name = NetworkPolicyDependent.NAME, type = NetworkPolicyDependent.class,
            reconcilePrecondition = NetworkPolicyDependent.Enabled.class,
            activationCondition = NetworkPolicyDependent.ApiServed.class),
    @Dependent(name = ServiceMonitorDependent.NAME, type = ServiceMonitorDependent.class,
            reconcilePrecondition = ServiceMonitorDependent.Requested.class,
            activationCondition = ServiceMonitorDependent.ApiServed.class),
})
@ControllerConfiguration(name = BalanceProxyReconciler.NAME,
        // metadata-only changes count too: the mode-change annotation must take effect at once. A status
        // patch then comes back as one more event, which finds nothing to do (an unchanged status is not written).
        generationAwareEventProcessing = false,
        // also a periodic look: status drift heals, and APIs installed later (prometheus-operator) are noticed
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class BalanceProxyReconciler implements Reconciler<BalanceProxy> {
    public static final String NAME = "balanceproxy";
    static final Duration RETRY_AFTER_DEPENDENT_ERROR = Duration.ofSeconds(10);

    private final String defaultImage;
    private final SpecValidator validator = new SpecValidator();
    private final StatusBuilder statusBuilder;
    private final EventRecorder events;

    public BalanceProxyReconciler(String defaultImage, Clock clock) {
        this.defaultImage = defaultImage;
        this.statusBuilder = new StatusBuilder(clock);
        this.events = new EventRecorder(clock);
    }

    @Override
    public UpdateControl<BalanceProxy> reconcile(BalanceProxy proxy, Context<BalanceProxy> context) {
        Optional<Deployment> running = context.getSecondaryResource(Deployment.class);
        SpecValidation validation = validator.validate(proxy, running.map(DeploymentDependent::runningMode).orElse(null));
        List<String> dependentErrors = List.of();
        if (validation.accepted()) {
            new DesiredInputs(validation.config(), defaultImage).putInto(context);
            var result = context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            dependentErrors = DependentErrors.describe(result.getErroredDependents());
        }
        BalanceProxyStatus status = statusBuilder.build(proxy, validation, observe(proxy, context, dependentErrors));
        if (StatusBuilder.rejectionIsNews(proxy, status)) {
            events.warning(context.getClient(), proxy, "InvalidSpec", String.join("; ", validation.errorMessages()));
        }
        UpdateControl<BalanceProxy> control;
        if (status.equals(proxy.getStatus())) {
            control = UpdateControl.noUpdate();
        } else if (context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource()) {
            ssaPatchStatusAndCache(proxy, status, context);
            control = UpdateControl.noUpdate();
        } else {
            control = UpdateControl.patchStatus(StatusPatch.of(proxy, status)); // the mock tier
        }
        return dependentErrors.isEmpty() ? control : control.rescheduleAfter(RETRY_AFTER_DEPENDENT_ERROR);
    }

    /**
     * Writes the status by server-side apply and puts the answer in the primary's cache. With
     * {@code UpdateControl.patchStatus} JOSDK does not cache the result, so a reconcile that
     * follows at once (a dependent's event) could still see the proxy without the status just
     * written and build its conditions afresh, moving {@code lastTransitionTime} without a flip
     * (tier (b) showed it on a real server). The patch still holds only name, namespace and
     * status; JOSDK adds the resourceVersion it read (optimistic locking, retried on conflict).
     * Without server-side apply (the mock tier only) the status goes through {@code patchStatus}
     * as before: the mock does not take the cached variant's merge patch.
     */
    private static void ssaPatchStatusAndCache(BalanceProxy proxy, BalanceProxyStatus status, Context<BalanceProxy> context) {
        PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(proxy, StatusPatch.of(proxy, status), context);
    }

    @Override
    public ErrorStatusUpdateControl<BalanceProxy> updateErrorStatus(BalanceProxy proxy, Context<BalanceProxy> context,
            Exception e) {
        return ErrorStatusUpdateControl.patchStatus(StatusPatch.of(proxy, statusBuilder.failed(proxy, e)));
    }

    private ObservedState observe(BalanceProxy proxy, Context<BalanceProxy> context, List<String> dependentErrors) {
        BootstrapBackends endpoints = context.getSecondaryResource(ConfigMap.class)
                .map(ConfigMap::getData)
                .map(data -> BootstrapBackends.parse(data.get(Names.BOOTSTRAP_KEY)))
                .orElse(null);
        var capabilities = ApiCapabilities.of(context.getClient());
        return new ObservedState(
                context.getSecondaryResource(Deployment.class).orElse(null),
                endpoints,
                proxy.getSpec() == null ? List.of() : FeatureAvailability.unavailable(proxy.getSpec(), capabilities::serves),
                dependentErrors);
    }
}
