package io.balance.proxy.resilience;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stage most fault tests share: HTTP backends {@code a} and {@code b} on loopback and a
 * proxy in front of them; the proxy and both backends are closed after each test. Register it
 * with {@code @RegisterExtension} on an instance field.
 */
final class TwoBackends implements AfterEachCallback {
    final TestHttpBackend a = TestHttpBackend.start("a");
    final TestHttpBackend b = TestHttpBackend.start("b");
    private RunningProxy proxy;

    /** An http-mode proxy over a and b; {@code keys} is the rest of the config (not mode or backends). */
    RunningProxy proxy(String keys) {
        return start("""
                mode: http
                backends:
                  - {name: a, address: "%s"}
                  - {name: b, address: "%s"}
                """.formatted(a.address(), b.address()) + keys);
    }

    /** A proxy from a whole config, for a test that needs other backends; closed after the test too. */
    RunningProxy start(String yaml) {
        proxy = RunningProxy.start(yaml);
        return proxy;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (proxy != null) {
            proxy.close();
        }
        a.close();
        b.close();
    }
}
