package io.balance.operator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The operator's only channel to a proxy pod: its admin API. Never blocks the caller: every call
 * answers with a stage completed later. {@link HttpProxyAdminClient} is the real one; tests use
 * an in-memory fake so that reconciler tests need no sockets.
 */
public interface ProxyAdminClient {
    /** {@code PUT /backends {"version":N,"backends":[...]}} with the bearer token; failures complete normally as {@link PushResult}. */
    CompletionStage<PushResult> pushBackends(PodEndpoint pod, String token, long version, List<BackendEntry> backends);

    /**
     * {@code PUT /config {"version":N,"config":{...}}} with the bearer token: {@code config} is the proxy config
     * in the file format (snake_case keys) as a JSON object; the proxy applies its hot keys atomically and
     * answers 409 for restart-class keys that differ. Failures complete normally as {@link PushResult}.
     */
    CompletionStage<PushResult> pushConfig(PodEndpoint pod, String token, long version, JsonNode config);

    /** {@code GET /status}; completes exceptionally when the pod cannot be reached or answers garbage. */
    CompletionStage<ProxyStatus> status(PodEndpoint pod);
}
