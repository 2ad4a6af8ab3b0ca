package io.balance.proxy.http;

import io.balance.proxy.ProxyState;
import io.balance.proxy.TrafficSettings;
import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendConnector;
import io.balance.proxy.backend.BackendHealth;
import io.balance.proxy.backend.BackendSet;
import io.balance.proxy.lb.BackendFilter;
import io.balance.proxy.lb.HashKeys;
import io.balance.proxy.metrics.HttpMethods;
import io.balance.proxy.metrics.ProxyMetrics;
import io.balance.proxy.metrics.ProxyMetrics.Reason;
import io.balance.proxy.resilience.BackendLimits;
import io.balance.proxy.resilience.PanicPolicy;
import io.balance.proxy.resilience.PanicPolicy.Eligibility;
import io.balance.proxy.resilience.ResilienceSettings;
import io.balance.proxy.resilience.RetryPermit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The client side of HTTP proxying: one instance per client connection, one request in flight
 * at a time (pipelined requests wait in a short queue). It picks a backend, borrows a pooled
 * connection on its own event loop or opens one, streams the request and the response through
 * without buffering whole bodies, and turns failures into 502/503/504.
 */
public final class HttpProxyHandler extends ChannelInboundHandlerAdapter implements BackendFilter, ConnectionTimers.Expiry {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpProxyHandler.class);

    private static final int MAX_PIPELINED = 16;
    private static final int MAX_ATTEMPTS_CAP = ResilienceSettings.MAX_ATTEMPTS_CAP;

    private final ProxyState state;
    private final BackendConnector connector;
    private Backend firstTried; // the backends this exchange tried, in order: the first one,
    private Backend[] retriedOn; // then those of its retries (created by the first retry)
    // Created when first needed: most connections never pipeline, and most bodies find a connection.
    private ArrayDeque<ByteBuf> waitingForConnection;
    // what RequestReader hands on while an earlier exchange is in flight
    private ArrayDeque<Object> pipelined;

    private ChannelHandlerContext ctx;
    private RequestReader reader;
    private ForwardedClient notIpv4; // null for an IPv4 client: see ForwardedClient
    private boolean reading = true;

    // The exchange in flight, if inFlight.
    private boolean inFlight;
    private ByteBuf requestHead; // as forwarded, written again for a retry
    private boolean requestChunked;
    private long requestBodyLength;
    private boolean http11Client;
    private TrafficSettings settings;
    private BackendSet backendSet;
    private Backend backend;
    private Channel backendChannel;
    private BackendHandler backendHandler;
    private int exchangeId;
    private int attempts;
    private int triedCount;
    private int methodIndex;
    private long startNanos;
    private long hash;
    private boolean requestComplete;
    private boolean bodyForwarded;
    private boolean clientKeepAlive;
    private boolean connecting;
    private boolean reusedConnection;
    private boolean responseStarted;
    // A response the backend ends by closing: re-chunked for a keep-alive HTTP/1.1 client, else
    // forwarded as it is and ended by closing the client connection too.
    private boolean rechunk;
    private boolean closeDelimited;
    private boolean keepAliveToClient;
    private int responseStatus;
    private final ConnectionTimers timers;
    // Resilience: which backends a pick may use, and the retry in waiting (see retry()).
    private Eligibility eligibility = Eligibility.NORMAL;
    private boolean allowTried;
    private boolean retryPending;
    private RetryPermit retryPermit; // made by the first retry: most connections never retry
    private ScheduledFuture<?> retryTimer;
    private HttpResponseStatus retryStatus;
    private Reason retryReason;
    private String retryDetail;

    /** @param timers the connection's timers: this handler runs the exchange's and the idle one's callbacks */
    HttpProxyHandler(ProxyState state, BackendConnector connector, ConnectionTimers timers) {
        this.state = state;
        this.connector = connector;
        this.timers = timers;
        timers.listen(this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.reader = ctx.pipeline().get(RequestReader.class);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        notIpv4 = ForwardedClient.unlessIpv4((InetSocketAddress) ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ValidatedRequest || msg instanceof ByteBuf || msg instanceof RequestBodyEnd)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (inFlight && (msg instanceof ValidatedRequest || requestComplete || pipelined != null && !pipelined.isEmpty())) {
            if (pipelined == null) {
                pipelined = new ArrayDeque<>(4);
            }
            pipelined.add(msg);
            updateReading();
            return;
        }
        inbound(msg);
    }

    /** A message of the current request, or the head of the next one when none is in flight. */
    private void inbound(Object msg) {
        if (inFlight) {
            requestContent(msg);
        } else if (msg instanceof ValidatedRequest head) {
            startExchange(head);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (backendChannel != null) {
            backendChannel.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        if (backendChannel != null) {
            backendChannel.config().setAutoRead(writable);
        }
        if (writable) {
            timers.cancel(ConnectionTimers.WRITE);
        } else if (inFlight) {
            timers.arm(ConnectionTimers.WRITE, settings.writeTimeoutNanos());
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Nothing was read from or written to the client for {@code timeouts.idle}. */
    @Override
    public void expired(int timer) {
        switch (timer) {
            case ConnectionTimers.DEADLINE -> deadlineExpired();
            case ConnectionTimers.RESPONSE -> responseTimedOut();
            case ConnectionTimers.WRITE -> writeTimedOut();
            case ConnectionTimers.IDLE -> idle();
            default -> { }
        }
    }

    private void idle() {
        if (!inFlight) {
            ctx.close();
        } else if (responseStarted || !requestComplete) {
            // nothing moved either way mid-transfer; waiting for a response head is timeouts.read's job
            abortBackend();
            respondError(HttpResponseStatus.REQUEST_TIMEOUT, Reason.IDLE_TIMEOUT, "connection idle");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (inFlight) {
            abortBackend();
            endExchange();
        }
        timers.close();
        releaseAll(pipelined);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Failures.log(LOG, ctx, cause);
        ctx.close();
    }

    /** True while the proxy is not between requests; drain uses it to close idle keep-alives. */
    public boolean busy() {
        return inFlight;
    }

    // ---- request side -------------------------------------------------------------------

    private void startExchange(ValidatedRequest validated) {
        inFlight = true;
        requestChunked = validated.chunked();
        requestBodyLength = validated.bodyLength();
        http11Client = validated.http11();
        exchangeId++;
        settings = state.settings();
        methodIndex = validated.method();
        startNanos = System.nanoTime();
        clientKeepAlive = validated.keepAlive();
        requestComplete = validated.bodyless();
        bodyForwarded = false;
        responseStarted = false;
        rechunk = false;
        closeDelimited = false;
        attempts = 0;
        triedCount = 0;
        allowTried = false;
        retryReason = null;
        RequestHead head = RequestHead.read(validated.content());
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        long sourceHash = ForwardedClient.hash(client, notIpv4);
        hash = settings.hashHeader() == null ? sourceHash : headerHash(head, sourceHash);
        requestHead = RequestHeadWriter.write(ctx.alloc(), head, trustedClient(client), client, notIpv4);
        validated.release();
        timers.arm(ConnectionTimers.DEADLINE, settings.requestTimeoutNanos());
        dispatch();
    }

    /** The hash of the {@code header:NAME} value; a request without that field hashes as its client address. */
    private long headerHash(RequestHead head, long sourceHash) {
        CharSequence value = head.value(settings.hashHeader());
        return value == null ? sourceHash : HashKeys.ofHeader(value);
    }

    /** The client is one of {@code http.trusted_proxies}: its {@code X-Forwarded-*} values are kept. */
    private boolean trustedClient(InetSocketAddress client) {
        if (settings.trustedProxies().isEmpty()) {
            return false;
        }
        InetAddress address = client.getAddress();
        return address != null && settings.trusted(address);
    }

    /** A piece of the request body (forwarded as it is), or its end. */
    private void requestContent(Object msg) {
        if (msg instanceof RequestBodyEnd end && end.broken()) {
            // The body broke after its head went out: the backend connection goes, and the client
            // gets the end's status (400, 408, 431) unless a response is already under way.
            // Either way the connection closes.
            abortBackend();
            if (responseStarted) {
                ctx.close();
            } else {
                ctx.writeAndFlush(ErrorResponses.of(ctx.alloc(), end.status(), end.problem(), false,
                        methodIndex == HttpMethods.HEAD)).addListener(ChannelFutureListener.CLOSE);
            }
            endExchange();
            return;
        }
        ByteBuf piece = msg instanceof ByteBuf bytes ? bytes : null;
        requestComplete |= msg == RequestBodyEnd.COMPLETE;
        if (backendChannel != null) {
            if (piece != null) {
                bodyForwarded = true;
                backendChannel.write(piece, backendChannel.voidPromise());
            } else {
                backendChannel.flush();
                armResponseTimer();
            }
            updateReading();
        } else if ((connecting || retryPending) && piece != null) {
            if (waitingForConnection == null) {
                waitingForConnection = new ArrayDeque<>(4);
            }
            waitingForConnection.add(piece);
            updateReading();
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Picks a backend for the current attempt and sends the request there. */
    private void dispatch() {
        backendSet = state.registry().current();
        ResilienceSettings resilience = settings.resilience();
        eligibility = state.resilience().panic().decide(backendSet, resilience.panicThresholdPercent());
        Reason refused = null;
        while (eligibility != Eligibility.NONE && triedCount < MAX_ATTEMPTS_CAP) {
            Backend chosen = pick();
            if (chosen == null) {
                break;
            }
            recordTried(chosen);
            if (!chosen.health().tryAcquire()) {
                continue;
            }
            if (!chosen.tryStartRequest(resilience.limits().maxRequests())) {
                chosen.health().released();
                refused = Reason.REQUEST_LIMIT;
                continue;
            }
            Channel pooled = BackendPool.current().poll(chosen);
            if (pooled == null) {
                Reason limit = BackendLimits.reserveConnection(chosen, resilience.limits());
                if (limit != null) {
                    chosen.requestFinished();
                    chosen.health().released();
                    refused = limit;
                    continue;
                }
            }
            if (attempts > 0) {
                state.backendMeters().retried(chosen);
            }
            attempts++;
            backend = chosen;
            if (pooled != null) {
                reusedConnection = true;
                attach(pooled);
            } else {
                reusedConnection = false;
                connect(chosen);
            }
            return;
        }
        if (refused != null) {
            respondError(HttpResponseStatus.SERVICE_UNAVAILABLE, refused, "backend limit reached (" + refused.label() + ")");
        } else if (retryReason != null) {
            respondError(retryStatus, retryReason, retryDetail);
        } else {
            respondError(HttpResponseStatus.SERVICE_UNAVAILABLE, Reason.NO_BACKEND, "no backend available");
        }
    }

    /** A retry goes to a backend not tried yet when there is one, else back to one already tried. */
    private Backend pick() {
        Backend chosen = backendSet.balancer().choose(hash, this);
        if (chosen == null && attempts > 0 && !allowTried) {
            allowTried = true;
            chosen = backendSet.balancer().choose(hash, this);
        }
        return chosen;
    }

    @Override
    public boolean accepts(Backend candidate) {
        for (int i = 0; i < triedCount && !allowTried; i++) {
            if (tried(i) == candidate) {
                return false;
            }
        }
        return PanicPolicy.accepts(eligibility, candidate);
    }

    private void recordTried(Backend chosen) {
        if (triedCount > 0) {
            if (retriedOn == null) {
                retriedOn = new Backend[MAX_ATTEMPTS_CAP - 1];
            }
            retriedOn[triedCount - 1] = chosen;
        } else {
            firstTried = chosen;
        }
        triedCount++;
    }

    private Backend tried(int attempt) {
        return attempt == 0 ? firstTried : retriedOn[attempt - 1];
    }

    private void connect(Backend target) {
        connecting = true;
        int id = exchangeId;
        BackendHandler handler = new BackendHandler(target, settings.config().http().idleConnTimeout().toNanos());
        ChannelFuture future = connector.connect(ctx.channel().eventLoop(), target, settings.connectTimeoutMillis(), false,
                handler.initializer());
        future.addListener((ChannelFutureListener) f -> connected(f, target, id));
    }

    private void connected(ChannelFuture future, Backend target, int id) {
        target.connectFinished();
        if (id != exchangeId || !inFlight) {
            if (future.isSuccess()) {
                future.channel().close();
            } else {
                target.connectionClosed();
            }
            return;
        }
        connecting = false;
        if (future.isSuccess()) {
            attach(future.channel());
            return;
        }
        target.connectionClosed();
        target.requestFinished();
        target.health().failed(BackendHealth.Failure.CONNECT);
        backend = null;
        boolean timedOut = future.cause() instanceof ConnectTimeoutException;
        HttpResponseStatus status = timedOut ? HttpResponseStatus.GATEWAY_TIMEOUT : HttpResponseStatus.BAD_GATEWAY;
        Reason reason = timedOut ? Reason.CONNECT_TIMEOUT : Reason.CONNECT_FAILED;
        String detail = timedOut ? "backend connection timed out" : "backend connection failed";
        if (!retry(status, reason, detail)) {
            releaseAll(waitingForConnection);
            respondError(status, reason, detail);
        }
    }

    private void attach(Channel channel) {
        backendChannel = channel;
        backendHandler = channel.pipeline().get(BackendHandler.class);
        backendHandler.attach(this, methodIndex == HttpMethods.HEAD);
        channel.config().setAutoRead(ctx.channel().isWritable());
        channel.write(requestHead.retainedDuplicate(), channel.voidPromise());
        ByteBuf pending;
        while (waitingForConnection != null && (pending = waitingForConnection.poll()) != null) {
            bodyForwarded = true;
            channel.write(pending, channel.voidPromise());
        }
        channel.flush();
        if (requestComplete) {
            armResponseTimer();
        }
        updateReading();
    }

    // ---- response side (called by BackendHandler on the same event loop) ---------------------

    /**
     * A response head from the backend, parsed in place; the bytes are copied out here. Returns
     * false when it was discarded instead (a retry follows, or the response was refused).
     */
    boolean responseHead(ResponseHead head, ResponseHead.Framing framing) {
        timers.cancel(ConnectionTimers.RESPONSE);
        int code = head.status();
        if (head.interim()) {
            if (code == 101) {
                badResponse("101 Switching Protocols to a request that did not ask for it");
                return false;
            }
            writeToClient(head, false, false, true);
            return true;
        }
        if (code >= 500) {
            backend.health().failed(BackendHealth.Failure.SERVER_ERROR);
            if (retriesStatus(code) && retry(HttpResponseStatus.valueOf(code), Reason.BACKEND_ERROR, "backend answered " + code)) {
                discardResponse();
                return false;
            }
        } else {
            backend.health().succeeded();
        }
        responseStarted = true;
        responseStatus = code;
        keepAliveToClient = clientKeepAlive && requestComplete && !state.draining();
        rechunk = framing == ResponseHead.Framing.UNTIL_CLOSE && http11Client && keepAliveToClient;
        closeDelimited = framing == ResponseHead.Framing.UNTIL_CLOSE && !rechunk;
        if (closeDelimited) {
            keepAliveToClient = false;
        }
        writeToClient(head, !http11Client, rechunk, framing == ResponseHead.Framing.NONE);
        return true;
    }

    private void writeToClient(ResponseHead head, boolean http10Client, boolean chunked, boolean last) {
        boolean interim = head.interim();
        ByteBuf out = ctx.alloc().buffer(head.copyLength() + ForwardedBytes.EXTRA_FIELDS_MAX);
        head.copyEndToEndFields(out);
        if (!interim) {
            if (!keepAliveToClient) {
                out.writeBytes(ForwardedBytes.CONNECTION_CLOSE);
            } else if (http10Client) {
                out.writeBytes(ForwardedBytes.CONNECTION_KEEP_ALIVE);
            }
            if (chunked) {
                out.writeBytes(ForwardedBytes.TRANSFER_ENCODING_CHUNKED);
            }
        }
        out.writeBytes(ForwardedBytes.CRLF);
        forward(out, last && !interim);
    }

    /** Writes bytes of a forwarded response; {@code last} when they end a final response. */
    private void forward(ByteBuf bytes, boolean last) {
        ctx.write(bytes, ctx.voidPromise());
        timers.touch();
        if (last) {
            reader.responseCompleted();
        }
    }

    /** Body bytes of the response under way; {@code last} when they end it. */
    void responseBody(ByteBuf piece, boolean last) {
        if (rechunk) {
            if (piece.isReadable()) {
                forward(ForwardedBytes.chunkHeader(ctx.alloc(), piece.readableBytes()), false);
                forward(piece, false);
                forward(ForwardedBytes.crlf(), false);
            } else {
                piece.release();
            }
        } else {
            forward(piece, last);
        }
        if (!ctx.channel().isWritable() && backendChannel != null) {
            backendChannel.config().setAutoRead(false);
        }
    }

    /** The response is complete; {@code reusable} when the backend connection may serve another. */
    void responseEnd(boolean reusable) {
        if (rechunk) {
            forward(ForwardedBytes.lastChunk(), true);
        } else if (closeDelimited) {
            forward(Unpooled.EMPTY_BUFFER, true);
        }
        completeExchange(reusable);
    }

    /** The backend sent something that is not HTTP: 502 if nothing went out yet, else a close. */
    void badResponse(String problem) {
        LOG.debug("{}: invalid response from backend {}: {}", ctx.channel(), backend == null ? "?" : backend.name(), problem);
        if (backend != null && !responseStarted) {
            backend.health().failed(BackendHealth.Failure.SERVER_ERROR);
        }
        abortBackend();
        respondError(HttpResponseStatus.BAD_GATEWAY, Reason.BACKEND_ERROR, "invalid response from backend");
    }

    /** A {@code retry_on} status of an idempotent request without a body may be retried. */
    private boolean retriesStatus(int code) {
        return settings.resilience().retry().retriesStatus(code) && HttpMethods.idempotent(methodIndex) && replayable();
    }

    /** Drops the backend's 5xx answer: the connection is closed rather than drained of the rest. */
    private void discardResponse() {
        Channel channel = backendChannel;
        Backend failed = backend;
        detachBackend();
        channel.close();
        failed.requestFinished();
        backend = null;
    }

    void backendReadComplete() {
        ctx.flush();
    }

    void backendWritabilityChanged() {
        updateReading();
    }

    /** The backend connection closed or failed while this exchange owned it. */
    void backendClosed() {
        Channel closed = backendChannel;
        detachBackend();
        if (closed != null) {
            backend.requestFinished();
        }
        if (responseStarted) {
            ctx.close();
            endExchange();
            return;
        }
        BackendHealth.Failure failure = BackendHealth.Failure.RESET;
        backend.health().failed(failure);
        backend = null;
        // nothing came back: a body-less request can go again if the connection was a reused
        // one (the backend may have closed it just as we sent) or the method is idempotent
        boolean again = (reusedConnection || HttpMethods.idempotent(methodIndex)) && replayable();
        if (again && retry(HttpResponseStatus.BAD_GATEWAY, Reason.BACKEND_ERROR, "backend closed the connection")) {
            return;
        }
        respondError(HttpResponseStatus.BAD_GATEWAY, Reason.BACKEND_ERROR, "backend closed the connection");
    }

    /** Only a request without a body can be sent again as it was. */
    private boolean replayable() {
        return requestComplete && !requestChunked && requestBodyLength == 0;
    }

    private void completeExchange(boolean reusable) {
        boolean reuse = reusable && requestComplete;
        Channel channel = backendChannel;
        detachBackend();
        if (channel != null) {
            if (reuse && BackendPool.current().offer(backend, channel, settings.config().http().maxIdleConnsPerHost())) {
                channel.config().setAutoRead(true);
            } else {
                channel.close();
            }
        }
        backend.requestFinished();
        state.backendMeters().request(backend, methodIndex, responseStatus);
        finishResponse(keepAliveToClient);
    }

    private void finishResponse(boolean keepAlive) {
        state.metrics().requestDuration(System.nanoTime() - startNanos);
        if (keepAlive) {
            ctx.flush();
        } else {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        endExchange();
        if (keepAlive) {
            drainPipelined();
        }
    }

    /** Feeds queued pipelined messages until one has to wait for the exchange now in flight. */
    private void drainPipelined() {
        Object next;
        while (pipelined != null && (next = pipelined.peek()) != null && (!inFlight || !(next instanceof ValidatedRequest) && !requestComplete)) {
            pipelined.poll();
            inbound(next);
        }
        updateReading();
    }

    // ---- retries ------------------------------------------------------------------------

    /**
     * Schedules another attempt after a failure that sent nothing to the client, when one is
     * allowed: no request body streamed yet, and {@link RetryPermit} grants it (attempts left,
     * room in the retry budget). The backoff wait runs on this event loop's timer. Remembers what to answer if no backend takes
     * the retry. False when no retry will happen (the caller answers).
     */
    private boolean retry(HttpResponseStatus status, Reason reason, String detail) {
        if (bodyForwarded || responseStarted) {
            return false;
        }
        if (retryPermit == null) {
            retryPermit = new RetryPermit(state.resilience().retryBudget(), state.metrics());
        }
        long delay = retryPermit.nextDelayNanos(attempts, settings.resilience().retry(), backendSet.backends());
        if (delay == RetryPermit.NO_RETRY) {
            return false;
        }
        retryStatus = status;
        retryReason = reason;
        retryDetail = detail;
        retryPending = true;
        int id = exchangeId;
        retryTimer = ctx.executor().schedule(() -> retryNow(id), delay, TimeUnit.NANOSECONDS);
        return true;
    }

    private void retryNow(int id) {
        retryTimer = null;
        if (id != exchangeId || !inFlight || !retryPending) {
            return;
        }
        retryPending = false;
        dispatch();
    }

    // ---- failures and timers ------------------------------------------------------------

    private void armResponseTimer() {
        if (!responseStarted) {
            timers.arm(ConnectionTimers.RESPONSE, settings.readTimeoutNanos());
        }
    }

    /** The client stopped reading the response for {@code timeouts.write}: give up on it. */
    private void writeTimedOut() {
        if (!inFlight || ctx.channel().isWritable()) {
            return;
        }
        state.metrics().rejected(Reason.WRITE_TIMEOUT);
        abortBackend();
        ctx.close();
        endExchange();
    }

    private void responseTimedOut() {
        if (!inFlight || responseStarted || backendChannel == null) {
            return;
        }
        backend.health().failed(BackendHealth.Failure.TIMEOUT);
        abortBackend();
        respondError(HttpResponseStatus.GATEWAY_TIMEOUT, Reason.BACKEND_TIMEOUT, "backend did not answer in time");
    }

    private void deadlineExpired() {
        if (!inFlight) {
            return;
        }
        if (responseStarted) {
            abortBackend();
            ctx.close();
            endExchange();
            return;
        }
        if (backend != null) {
            backend.health().failed(BackendHealth.Failure.TIMEOUT);
        }
        abortBackend();
        respondError(HttpResponseStatus.GATEWAY_TIMEOUT, Reason.REQUEST_TIMEOUT, "request deadline exceeded");
    }

    private void respondError(HttpResponseStatus status, Reason reason, String detail) {
        ProxyMetrics metrics = state.metrics();
        metrics.rejected(reason);
        if (responseStarted) {
            // what already went out is sent; the cut-off response then ends with the connection
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            endExchange();
            return;
        }
        boolean keepAlive = clientKeepAlive && requestComplete && !state.draining();
        ctx.write(ErrorResponses.of(ctx.alloc(), status, detail, keepAlive, methodIndex == HttpMethods.HEAD), ctx.voidPromise());
        ctx.flush();
        timers.touch();
        reader.responseCompleted();
        Backend last = triedCount > 0 ? tried(triedCount - 1) : null;
        if (last != null && status.code() != 503) {
            state.backendMeters().request(last, methodIndex, status.code());
        } else {
            metrics.unroutedRequest(methodIndex, status.code());
        }
        finishResponse(keepAlive);
    }

    /** Drops the backend connection of an exchange that can't finish normally. */
    private void abortBackend() {
        if (connecting) {
            backend.requestFinished();
            backend.health().released();
        }
        connecting = false;
        releaseAll(waitingForConnection);
        Channel channel = backendChannel;
        if (channel != null) {
            detachBackend();
            backend.requestFinished();
            if (!responseStarted) {
                backend.health().released();
            }
            channel.close();
        }
    }

    private void detachBackend() {
        if (backendHandler != null) {
            backendHandler.detach();
        }
        backendHandler = null;
        backendChannel = null;
    }

    private void endExchange() {
        timers.cancelExchange();
        cancel(retryTimer);
        retryTimer = null;
        retryPending = false;
        if (retryPermit != null) {
            retryPermit.release();
        }
        inFlight = false;
        if (requestHead != null) {
            requestHead.release();
            requestHead = null;
        }
        backend = null;
        connecting = false;
        releaseAll(waitingForConnection);
    }

    private void updateReading() {
        boolean read = size(pipelined) < MAX_PIPELINED
                && size(waitingForConnection) < MAX_PIPELINED
                && (backendChannel == null || backendChannel.isWritable());
        if (read != reading) {
            reading = read;
            ctx.channel().config().setAutoRead(read);
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static int size(ArrayDeque<?> queue) {
        return queue == null ? 0 : queue.size();
    }

    private static void releaseAll(ArrayDeque<?> queue) {
        Object object;
        while (queue != null && (object = queue.poll()) != null) {
            ReferenceCountUtil.release(object);
        }
    }
}
