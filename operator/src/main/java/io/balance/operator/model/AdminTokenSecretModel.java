package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxy;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The Secret holding the admin API's bearer token; the token is an input (kept across reconciles). */
public final class AdminTokenSecretModel {
    private AdminTokenSecretModel() {
    }

    public static Secret build(BalanceProxy proxy, String token) {
        return new SecretBuilder()
                .withMetadata(Owned.meta(proxy, Names.adminTokenSecret(proxy)))
                .withType("Opaque")
                .withData(Map.of(Names.TOKEN_KEY, Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /** The token a live Secret holds, or null when it holds none. */
    public static String tokenOf(Secret secret) {
        if (secret == null || secret.getData() == null || secret.getData().get(Names.TOKEN_KEY) == null) {
            return null;
        }
        try {
            String token = new String(Base64.getDecoder().decode(secret.getData().get(Names.TOKEN_KEY)), StandardCharsets.UTF_8);
            return token.isBlank() ? null : token;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
