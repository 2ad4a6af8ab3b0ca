package io.balance.proxy.health;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The client TLS context of https probes. It trusts every certificate on purpose: a probe asks
 * "does the backend answer with a good status over TLS?", not "is its certificate valid?".
 * Backends commonly serve self-signed or internal-CA certificates, and the probe sends no
 * secrets, so trusting all is acceptable here. It must never be used for proxied traffic.
 */
final class ProbeTls {
    private static volatile SslContext context;

    private ProbeTls() {
    }

    static SslContext context() {
        SslContext ctx = context;
        if (ctx == null) {
            synchronized (ProbeTls.class) {
                ctx = context;
                if (ctx == null) {
                    try {
                        ctx = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
                    } catch (SSLException e) {
                        throw new IllegalStateException("cannot build the TLS context of https health probes", e);
                    }
                    context = ctx;
                }
            }
        }
        return ctx;
    }
}
