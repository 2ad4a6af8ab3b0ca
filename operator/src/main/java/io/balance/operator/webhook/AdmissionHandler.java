package io.balance.operator.webhook;

import io.balance.api.validation.PathStyle;
import io.balance.api.validation.Problem;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.Defaults;
import io.balance.operator.validation.SpecValidation;
import io.balance.operator.validation.SpecValidator;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One AdmissionReview (admission.k8s.io/v1) in, one out: the BalanceProxy is checked by the
 * same {@link SpecValidator} the reconciler runs; every error is listed with its field path,
 * warnings go back as admission warnings. Pure: no side effects and no calls out, so dry runs
 * are safe and the answer never waits on anything.
 */
public final class AdmissionHandler {
    /** HTTP status and JSON body to send back. */
    public record Reply(int status, String body) {
    }

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final SpecValidator validator = new SpecValidator();

    public AdmissionHandler() {
        serialization.registerKubernetesResource(BalanceProxy.class);
    }

    public Reply handle(byte[] body) {
        AdmissionReview review;
        try {
            review = serialization.unmarshal(new String(body, StandardCharsets.UTF_8), AdmissionReview.class);
        } catch (RuntimeException e) {
            return new Reply(400, "{\"error\":\"not an AdmissionReview\"}");
        }
        if (review == null || review.getRequest() == null || review.getRequest().getUid() == null) {
            return new Reply(400, "{\"error\":\"an AdmissionReview needs request.uid\"}");
        }
        AdmissionResponse response = review(review.getRequest());
        AdmissionReview out = new AdmissionReviewBuilder()
                .withApiVersion(review.getApiVersion() == null ? "admission.k8s.io/v1" : review.getApiVersion())
                .withKind("AdmissionReview")
                .withResponse(response)
                .build();
        return new Reply(200, serialization.asJson(out));
    }

    AdmissionResponse review(AdmissionRequest request) {
        String operation = request.getOperation();
        if (!"CREATE".equals(operation) && !"UPDATE".equals(operation)) {
            return allowed(request, List.of());
        }
        BalanceProxy proxy = asProxy(request.getObject());
        if (proxy == null) {
            return denied(request, "expected a BalanceProxy (balance.io/v1alpha1) in request.object", List.of(), List.of());
        }
        BalanceProxy old = "UPDATE".equals(operation) ? asProxy(request.getOldObject()) : null;
        if (old != null && proxy.getMetadata() != null && proxy.getMetadata().getDeletionTimestamp() != null) {
            return allowed(request, List.of()); // never stand in the way of a deletion (finalizers)
        }
        String runningMode = old != null && old.getSpec() != null ? Defaults.mode(old.getSpec()) : null;
        SpecValidation validation = validator.validate(proxy, runningMode);
        if (validation.accepted()) {
            return allowed(request, validation.warningMessages());
        }
        if (old != null && Objects.equals(old.getSpec(), proxy.getSpec())) {
            // metadata-only change of an object that got in while the webhook was off: let labels,
            // annotations and finalizers move; its status already says Accepted=False
            return allowed(request, concat(List.of("the spec is invalid and the operator does not program it (see status): "
                    + String.join("; ", validation.errorMessages())), validation.warningMessages()));
        }
        List<Problem> errors = validation.problems().stream().filter(Problem::isError).toList();
        String name = proxy.getMetadata() == null ? "" : ns(proxy) + proxy.getMetadata().getName();
        String message = "BalanceProxy " + name + " is invalid:\n" + String.join("\n", validation.errorMessages());
        List<StatusCause> causes = errors.stream().map(p -> new StatusCauseBuilder()
                .withField(PathStyle.RESOURCE.render(p.path()))
                .withMessage(p.message())
                .withReason("FieldValueInvalid")
                .build()).toList();
        return denied(request, message, causes, validation.warningMessages());
    }

    private BalanceProxy asProxy(Object object) {
        if (object == null) {
            return null;
        }
        if (object instanceof BalanceProxy proxy) {
            return proxy;
        }
        try {
            return serialization.convertValue(object, BalanceProxy.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String ns(BalanceProxy proxy) {
        return proxy.getMetadata().getNamespace() == null ? "" : proxy.getMetadata().getNamespace() + "/";
    }

    private static AdmissionResponse allowed(AdmissionRequest request, List<String> warnings) {
        return new AdmissionResponseBuilder().withUid(request.getUid()).withAllowed(true)
                .withWarnings(warnings.isEmpty() ? null : warnings).build();
    }

    private static AdmissionResponse denied(AdmissionRequest request, String message, List<StatusCause> causes, List<String> warnings) {
        return new AdmissionResponseBuilder().withUid(request.getUid()).withAllowed(false)
                .withStatus(new StatusBuilder().withCode(422).withReason("Invalid").withStatus("Failure").withMessage(message)
                        .withNewDetails().withGroup(BalanceProxy.GROUP).withKind("BalanceProxy").withCauses(causes).endDetails()
                        .build())
                .withWarnings(warnings.isEmpty() ? null : warnings)
                .build();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
