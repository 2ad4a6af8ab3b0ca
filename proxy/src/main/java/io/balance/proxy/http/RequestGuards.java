package io.balance.proxy.http;

import io.balance.api.config.HttpConfig;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;

/**
 * Installs the client side of an HTTP connection up to the point where requests are known to be
 * well framed: {@value #READER}, a {@link RequestReader}. The forwarding handler goes after it
 * ({@code pipeline.addLast(...)}); what reaches it is described there.
 */
public final class RequestGuards {
    public static final String READER = "http-request-reader";

    private RequestGuards() {
    }

    /**
     * @param headTimeout {@code timeouts.read}: how long a client has to send a complete request
     *                    head (408 past it); zero disables it
     * @param listener    told about every refused request
     */
    public static RequestReader install(ChannelPipeline pipeline, HttpConfig http, Duration headTimeout, RejectListener listener) {
        RequestReader reader = new RequestReader(http, headTimeout, listener);
        pipeline.addLast(READER, reader);
        return reader;
    }
}
