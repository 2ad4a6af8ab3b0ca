package io.balance.operator.mock;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;

/**
 * The fabric8 mock answers discovery of built-in groups with an empty list, so every built-in
 * API would look unserved. This answers {@code GET /apis/<group>/<version>} for the built-in
 * group-versions a test says the "cluster" serves and passes everything else (CRUD, CRD
 * group-versions) to the mock's own dispatcher.
 */
final class DiscoveryDispatcher extends Dispatcher {
    private final Dispatcher delegate;
    private final Map<String, String[]> served; // group-version -> {kind, plural, namespaced}

    DiscoveryDispatcher(Dispatcher delegate, Map<String, String[]> served) {
        this.delegate = delegate;
        this.served = served;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        if ("GET".equals(request.getMethod()) && bare.startsWith("/apis/")) {
            String groupVersion = bare.substring("/apis/".length());
            String[] resource = served.get(groupVersion);
            if (resource != null) {
                var list = new APIResourceListBuilder().withGroupVersion(groupVersion)
                        .addToResources(new APIResourceBuilder().withKind(resource[0]).withName(resource[1])
                                .withNamespaced(Boolean.parseBoolean(resource[2]))
                                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build())
                        .build();
                return new MockResponse().setResponseCode(200).setBody(Serialization.asJson(list));
            }
        }
        return delegate.dispatch(request);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }
}
