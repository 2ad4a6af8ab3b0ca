package io.balance.operator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.function.Consumer;

/** Raw AdmissionReview JSON as the API server sends it. */
final class Reviews {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Reviews() {
    }

    static BalanceProxy proxy(Consumer<ObjectNode> edit) {
        return Fixtures.copy(Fixtures.quickstart(), "default", "web", edit);
    }

    static String create(BalanceProxy proxy) {
        return review("CREATE", proxy, null);
    }

    static String update(BalanceProxy proxy, BalanceProxy old) {
        return review("UPDATE", proxy, old);
    }

    static String review(String operation, BalanceProxy proxy, BalanceProxy old) {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", "705ab4f5-6393-11e8-b7cc-42010a800002");
        request.putObject("kind").put("group", "balance.io").put("version", "v1alpha1").put("kind", "BalanceProxy");
        request.putObject("resource").put("group", "balance.io").put("version", "v1alpha1").put("resource", "balanceproxies");
        request.put("name", "web").put("namespace", "default").put("operation", operation);
        request.putObject("userInfo").put("username", "admin");
        if (proxy != null) {
            request.set("object", tree(proxy));
        }
        if (old != null) {
            request.set("oldObject", tree(old));
        }
        request.put("dryRun", false);
        return review.toString();
    }

    private static JsonNode tree(BalanceProxy proxy) {
        ObjectNode tree = SERIALIZATION.convertValue(proxy, ObjectNode.class);
        tree.put("apiVersion", "balance.io/v1alpha1").put("kind", "BalanceProxy");
        return tree;
    }

    static JsonNode response(String body) throws Exception {
        return JSON.readTree(body).get("response");
    }
}
