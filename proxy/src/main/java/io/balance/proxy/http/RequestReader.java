package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Reads requests from the client's raw bytes, one per connection, and hands on only what is known
 * to be well framed. Each head is checked byte by byte as it arrives ({@link HeadSyntax}: syntax
 * and size limits), then as a whole ({@link RequestHead}: version, method, target, framing,
 * Host) and handed on as a {@link ValidatedRequest} with its bytes; its body follows as pieces of
 * the input, exactly the length its framing gives (chunk extensions cut, {@link ChunkedFraming}),
 * then {@link RequestBodyEnd#COMPLETE}. Bytes after a body are read as the next head, so a
 * pipelined head can never slip through unchecked as body bytes or the other way round.
 *
 * <p>A refused request is answered with its {@link RejectReason}'s status and
 * {@code Connection: close}, everything after it is dropped, and the connection closes. The answer
 * keeps HTTP/1.1 pipelining order: while earlier requests still wait for their responses it waits
 * too, until the handler after this one reports the last of them ({@link #responseCompleted()}).
 * A body found broken after its head went on cannot get a clean answer, since a response may be
 * under way: {@link RequestBodyEnd#BROKEN} tells the next handler to abort the exchange, and the
 * connection closes once pending writes are flushed.
 *
 * <p>The head deadline starts when the connection opens and, for later requests, at the first
 * byte of the head: the quiet time between keep-alive requests is {@code timeouts.idle}'s job.
 *
 * <p>First in the client pipeline, it also reports the connection and its bytes each way to
 * {@link io.balance.proxy.metrics.ClientTraffic} (a handler of its own for that would cost every
 * connection another pipeline context).
 */
public final class RequestReader extends ChannelDuplexHandler implements ConnectionTimers.Expiry {
    public static final String NAME = "http-request-reader";

    private enum Mode { HEAD, FIXED_BODY, CHUNKED_BODY, DISCARD }

    private final ReaderSettings settings;
    private final HeadSyntax syntax;
    private final ConnectionTimers timers;
    private ChunkedFraming chunks; // the first chunked body creates it
    private ChannelHandlerContext ctx;
    private Mode mode = Mode.HEAD;
    private boolean headStarted;
    private long bodyRemaining;
    private ByteBuf partialHead; // the bytes of a head that came in more than one read
    private int awaitingResponse; // requests handed on whose final response is not written yet
    private RejectReason pendingReject;

    /**
     * @param timers the connection's timers: this reader runs {@link ConnectionTimers#HEAD} and
     *               touches the idle timer on every read
     */
    RequestReader(ReaderSettings settings, ConnectionTimers timers) {
        this.settings = settings;
        this.syntax = new HeadSyntax(settings.maxFields(), settings.maxLine(), settings.maxFieldBytes());
        this.timers = timers;
        timers.listen(this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            opened();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        settings.traffic().opened(ctx.channel());
        opened();
        ctx.fireChannelActive();
    }

    private void opened() {
        timers.touch();
        timers.arm(ConnectionTimers.HEAD, settings.headTimeoutNanos());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        settings.traffic().closed();
        closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        closed();
    }

    private void closed() {
        timers.close();
        releasePartialHead();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        settings.traffic().read(msg);
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        timers.touch();
        if (readingBody()) {
            timers.restart(ConnectionTimers.BODY, settings.headTimeoutNanos());
        }
        boolean handedOver = false;
        try {
            handedOver = read(in);
        } finally {
            if (!handedOver) {
                in.release();
            }
        }
    }

    /**
     * The final response to the oldest request handed on has been written in full (1xx interim
     * responses don't count); a refusal waiting for it goes out now.
     */
    public void responseCompleted() {
        if (awaitingResponse > 0 && --awaitingResponse == 0 && pendingReject != null) {
            RejectReason reason = pendingReject;
            pendingReject = null;
            sendReject(reason);
        }
    }

    /**
     * Reads {@code in} to its end, or until the connection was closed by what a piece set off;
     * true when {@code in} itself was handed on as a body piece.
     */
    private boolean read(ByteBuf in) {
        while (in.isReadable() && ctx.channel().isOpen()) {
            int from = in.readerIndex();
            int end = in.writerIndex();
            int to;
            switch (mode) {
                case HEAD -> {
                    readHead(in, from, end);
                    continue;
                }
                case FIXED_BODY -> to = fixedBodyEnd(from, end);
                case CHUNKED_BODY -> {
                    if (chunks.cutting()) {
                        skipCut(in, from, end);
                        continue;
                    }
                    to = scanChunks(in, from, end);
                }
                default -> {
                    return false;
                }
            }
            if (to < 0) {
                return false;
            }
            boolean whole = to == end && to > from;
            boolean bodyEnded = mode == Mode.HEAD;
            if (to > from) {
                ctx.fireChannelRead(whole ? in : in.readRetainedSlice(to - from));
            }
            if (bodyEnded) {
                timers.cancel(ConnectionTimers.BODY);
                ctx.fireChannelRead(RequestBodyEnd.COMPLETE);
            }
            if (whole) {
                return true;
            }
        }
        return false;
    }

    private void readHead(ByteBuf in, int from, int end) {
        if (!headStarted) {
            headStarted = true;
            timers.arm(ConnectionTimers.HEAD, settings.headTimeoutNanos());
        }
        int stop = in.forEachByte(from, end - from, syntax);
        if (stop < 0) {
            keepPartialHead(in, from, end);
            in.readerIndex(end);
            return;
        }
        if (!syntax.isDone()) {
            reject(syntax.failure());
            in.readerIndex(end);
            return;
        }
        timers.cancel(ConnectionTimers.HEAD);
        headStarted = false;
        syntax.expectRequest();
        ByteBuf bytes = completeHead(in, from, stop + 1);
        in.readerIndex(stop + 1);
        RequestHead head = RequestHead.read(bytes);
        RejectReason reason = head.check();
        if (reason != null) {
            bytes.release();
            reject(reason);
            in.readerIndex(end);
            return;
        }
        if (head.chunked()) {
            if (chunks == null) {
                chunks = new ChunkedFraming(settings.maxFields(), settings.maxFieldBytes(), true);
            }
            chunks.start();
            mode = Mode.CHUNKED_BODY;
        } else {
            bodyRemaining = head.bodyLength();
            mode = bodyRemaining > 0 ? Mode.FIXED_BODY : Mode.HEAD;
        }
        if (readingBody()) {
            timers.restart(ConnectionTimers.BODY, settings.headTimeoutNanos());
        }
        awaitingResponse++;
        ctx.fireChannelRead(new ValidatedRequest(bytes, head));
    }

    private void keepPartialHead(ByteBuf in, int from, int to) {
        if (partialHead == null) {
            partialHead = ctx.alloc().buffer(Math.max(1024, 2 * (to - from)));
        }
        partialHead.writeBytes(in, from, to - from);
    }

    /** The bytes of the head that ends at {@code to}: a slice of {@code in}, or all its pieces. */
    private ByteBuf completeHead(ByteBuf in, int from, int to) {
        if (partialHead == null) {
            return in.retainedSlice(from, to - from);
        }
        ByteBuf head = partialHead.writeBytes(in, from, to - from);
        partialHead = null;
        return head;
    }

    private void releasePartialHead() {
        if (partialHead != null) {
            partialHead.release();
            partialHead = null;
        }
    }

    private int fixedBodyEnd(int from, int end) {
        int length = (int) Math.min(end - from, bodyRemaining);
        bodyRemaining -= length;
        if (bodyRemaining == 0) {
            mode = Mode.HEAD;
        }
        return from + length;
    }

    private int scanChunks(ByteBuf in, int from, int end) {
        int index = chunks.scan(in, from, end);
        if (chunks.failure() != null) {
            reject(chunks.failure());
            return -1;
        }
        if (chunks.isDone()) {
            mode = Mode.HEAD;
        }
        return index;
    }

    private void skipCut(ByteBuf in, int from, int end) {
        int resume = chunks.skipCut(in, from, end);
        if (chunks.failure() != null) {
            reject(chunks.failure());
            resume = end;
        }
        in.readerIndex(resume);
    }

    @Override
    public void expired(int timer) {
        if (timer == ConnectionTimers.HEAD) {
            headTimedOut();
        } else if (timer == ConnectionTimers.BODY) {
            bodyTimedOut();
        }
    }

    private boolean readingBody() {
        return mode == Mode.FIXED_BODY || mode == Mode.CHUNKED_BODY;
    }

    /** No body bytes for {@code timeouts.read}: a stall, unless reading is held back for a slow backend. */
    private void bodyTimedOut() {
        if (!readingBody()) {
            return;
        }
        if (ctx.channel().config().isAutoRead()) {
            reject(RejectReason.BODY_TIMEOUT);
        } else {
            timers.restart(ConnectionTimers.BODY, settings.headTimeoutNanos());
        }
    }

    private void headTimedOut() {
        if (mode == Mode.HEAD) {
            reject(RejectReason.HEAD_TIMEOUT);
        }
    }

    private void reject(RejectReason reason) {
        boolean bodyUnderWay = readingBody();
        mode = Mode.DISCARD;
        timers.cancel(ConnectionTimers.HEAD);
        timers.cancel(ConnectionTimers.BODY);
        releasePartialHead();
        settings.rejects().rejected(reason);
        if (bodyUnderWay) {
            ctx.fireChannelRead(RequestBodyEnd.brokenBy(reason));
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (awaitingResponse == 0) {
            sendReject(reason);
        } else {
            pendingReject = reason;
        }
    }

    private void sendReject(RejectReason reason) {
        ByteBuf response = RejectResponses.of(reason);
        settings.traffic().written(response); // written from here, it does not pass write() below
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        settings.traffic().written(msg);
        ctx.write(msg, promise);
    }
}
