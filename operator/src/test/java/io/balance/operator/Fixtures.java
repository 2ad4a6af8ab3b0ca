package io.balance.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balance.operator.crd.BalanceProxy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.Consumer;

/** BalanceProxies for tests: the repository's examples, renamed and edited as JSON trees. */
public final class Fixtures {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Fixtures() {
    }

    /** examples/quickstart.yaml */
    public static BalanceProxy quickstart() {
        return example("quickstart.yaml");
    }

    /** examples/autoscaled.yaml */
    public static BalanceProxy autoscaled() {
        return example("autoscaled.yaml");
    }

    public static BalanceProxy example(String file) {
        try {
            return SERIALIZATION.unmarshal(Files.readString(RepoFiles.root().resolve("examples").resolve(file)), BalanceProxy.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy with another name and namespace, and the spec changed by {@code edit} (a tree in the CR's spelling). */
    public static BalanceProxy copy(BalanceProxy proxy, String namespace, String name, Consumer<ObjectNode> edit) {
        ObjectNode tree = SERIALIZATION.convertValue(proxy, ObjectNode.class);
        ObjectNode metadata = tree.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        edit.accept((ObjectNode) tree.get("spec"));
        return SERIALIZATION.convertValue(tree, BalanceProxy.class);
    }

    /** A spec edit applied to a live object (keeps metadata, for updates). */
    public static BalanceProxy edited(BalanceProxy live, Consumer<ObjectNode> edit) {
        ObjectNode tree = SERIALIZATION.convertValue(live, ObjectNode.class);
        edit.accept((ObjectNode) tree.get("spec"));
        return SERIALIZATION.convertValue(tree, BalanceProxy.class);
    }

    /** Metadata as a pure model builder sees it on a stored object. */
    public static BalanceProxy stored(BalanceProxy proxy) {
        proxy.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
        proxy.getMetadata().setGeneration(1L);
        return proxy;
    }
}
