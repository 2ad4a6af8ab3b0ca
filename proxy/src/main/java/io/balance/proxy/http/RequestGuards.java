package io.balance.proxy.http;

import io.balance.api.config.HttpConfig;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.time.Duration;

/**
 * Installs the client side of an HTTP connection up to the point where requests are known to be
 * well framed. Appends, in this order:
 * <ol>
 * <li>{@value #RAW_GUARD}: {@link RawRequestGuard}, checks raw head bytes, runs the head timeout;</li>
 * <li>{@value #CODEC}: {@link HttpRequestDecoder} with the {@code http.*} limits;</li>
 * <li>{@value #ENCODER}: {@link HttpResponseEncoder} for the proxy's own answers;</li>
 * <li>{@value #VALIDATOR}: {@link RequestFramingValidator}, checks decoded heads and answers refusals.</li>
 * </ol>
 * The forwarding handler goes after them ({@code pipeline.addLast(...)}). What reaches it is a
 * {@link ValidatedRequest}, then its {@code HttpContent}s; a content with a failed decoder result
 * means the body broke mid-way and the exchange must be aborted. It writes forwarded response
 * bytes from the {@value #RAW_GUARD} context, past the encoder and the validator, and tells the
 * validator where each response ends ({@link RequestFramingValidator#responseForwarded()}).
 */
public final class RequestGuards {
    public static final String RAW_GUARD = "http-raw-guard";
    public static final String CODEC = "http-codec";
    public static final String ENCODER = "http-encoder";
    public static final String VALIDATOR = "http-request-validator";

    /**
     * {@link RawRequestGuard} has already checked every field name and value byte by byte
     * before the decoder sees them, so the decoder does not check them a second time.
     */
    private static final DefaultHttpHeadersFactory HEADERS_CHECKED_BY_RAW_GUARD =
            DefaultHttpHeadersFactory.headersFactory().withNameValidation(false).withValueValidation(false);

    private RequestGuards() {
    }

    /**
     * @param headTimeout {@code timeouts.read}: how long a client has to send a complete request
     *                    head (408 past it); zero disables it
     * @param listener    told about every refused request
     */
    public static void install(ChannelPipeline pipeline, HttpConfig http, Duration headTimeout, RejectListener listener) {
        RawRequestGuard rawGuard = new RawRequestGuard(http.maxHeaders(), headTimeout);
        pipeline.addLast(RAW_GUARD, rawGuard);
        pipeline.addLast(CODEC, new HttpRequestDecoder(decoderConfig(http)));
        pipeline.addLast(ENCODER, new HttpResponseEncoder());
        pipeline.addLast(VALIDATOR, new RequestFramingValidator(rawGuard, listener));
    }

    /** Netty's strict settings spelled out, so a system property cannot relax them. */
    static HttpDecoderConfig decoderConfig(HttpConfig http) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(http.maxRequestLine())
                .setMaxHeaderSize(http.maxHeaderSize())
                .setAllowDuplicateContentLengths(false)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setHeadersFactory(HEADERS_CHECKED_BY_RAW_GUARD)
                .setTrailersFactory(HEADERS_CHECKED_BY_RAW_GUARD);
    }
}
