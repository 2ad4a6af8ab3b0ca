package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;

/**
 * Sits before the request decoder and sees the raw bytes. It checks every request head (and
 * chunked trailer) with {@link HeadSyntax} before the decoder can normalise it, runs the head
 * timeout, and hands the decoder its input cut at message boundaries: a head, then exactly its
 * body, then the next head. That is what keeps body bytes from being checked as a head and a
 * pipelined head from slipping past unchecked in the same read as the previous body. The body's
 * framing comes from {@link RequestFramingValidator} through {@link BodyFraming}, synchronously,
 * while the head is being handed over. Body bytes of a fixed length are never looked at; of a
 * chunked body only the framing is.
 *
 * <p>A refusal travels up the pipeline as a {@link RequestRejectedEvent}; from then on every
 * incoming byte is dropped until the validator closes the connection.
 *
 * <p>The head deadline starts when the connection opens and, for later requests, at the first
 * byte of the head: the quiet time between keep-alive requests is {@code timeouts.idle}'s job.
 */
final class RawRequestGuard extends ChannelInboundHandlerAdapter implements BodyFraming {

    private enum Mode { HEAD, AWAIT_FRAMING, FIXED_BODY, CHUNKED_BODY, DISCARD }

    private final HeadSyntax head;
    private final ChunkedFraming chunks;
    private final RequestHeadTimeout headTimeout;
    private ChannelHandlerContext ctx;
    private Mode mode = Mode.HEAD;
    private boolean headStarted;
    private boolean outOfStep;
    private long bodyRemaining;
    // the bytes of a head that came in more than one read, and of the last complete head
    private ByteBuf partialHead;
    private ByteBuf completeHead;

    RawRequestGuard(int maxHeaders, Duration headTimeout) {
        this.head = new HeadSyntax(maxHeaders);
        this.chunks = new ChunkedFraming(maxHeaders);
        this.headTimeout = new RequestHeadTimeout(headTimeout, this::headTimedOut);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            headTimeout.start(ctx.executor());
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        headTimeout.start(ctx.executor());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        headTimeout.close();
        releaseHeads();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        headTimeout.close();
        releaseHeads();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean handedOver = false;
        try {
            handedOver = forward(in);
        } finally {
            if (!handedOver) {
                in.release();
            }
        }
    }

    /** Passes {@code in} on piece by piece; true when {@code in} itself was passed on. */
    private boolean forward(ByteBuf in) {
        while (in.isReadable()) {
            int from = in.readerIndex();
            boolean inHead = mode == Mode.HEAD;
            int to = switch (mode) {
                case HEAD -> scanHead(in, from);
                case FIXED_BODY -> fixedBodyEnd(in, from);
                case CHUNKED_BODY -> scanChunks(in, from);
                case AWAIT_FRAMING -> reject(RejectReason.MALFORMED);
                case DISCARD -> -1;
            };
            if (to < 0) {
                return false;
            }
            if (inHead) {
                keepHeadBytes(in, from, to);
            }
            boolean whole = to == in.writerIndex();
            ByteBuf piece = whole ? in : in.readRetainedSlice(to - from);
            ctx.fireChannelRead(piece);
            if (mode == Mode.AWAIT_FRAMING || outOfStep) {
                reject(RejectReason.MALFORMED); // the decoder and this scan disagree on where the head ends
            }
            if (whole) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the bytes of the head being handed over, so it can be forwarded as it came. */
    private void keepHeadBytes(ByteBuf in, int from, int to) {
        boolean complete = mode == Mode.AWAIT_FRAMING;
        if (complete && partialHead == null) {
            releaseHeads();
            completeHead = in.retainedSlice(from, to - from);
            return;
        }
        if (partialHead == null) {
            partialHead = ctx.alloc().buffer(Math.max(1024, 2 * (to - from)));
        }
        partialHead.writeBytes(in, from, to - from);
        if (complete) {
            ByteBuf head = partialHead;
            partialHead = null;
            releaseHeads();
            completeHead = head;
        }
    }

    @Override
    public ByteBuf takeHead() {
        ByteBuf head = completeHead;
        completeHead = null;
        return head;
    }

    private void releaseHeads() {
        if (partialHead != null) {
            partialHead.release();
            partialHead = null;
        }
        if (completeHead != null) {
            completeHead.release();
            completeHead = null;
        }
    }

    private int scanHead(ByteBuf in, int from) {
        if (!headStarted) {
            headStarted = true;
            headTimeout.start(ctx.executor());
        }
        int end = in.forEachByte(from, in.writerIndex() - from, head);
        if (end < 0) {
            return in.writerIndex();
        }
        if (!head.isDone()) {
            return reject(head.failure());
        }
        headTimeout.stop();
        headStarted = false;
        head.expectRequest();
        mode = Mode.AWAIT_FRAMING;
        return end + 1;
    }

    private int fixedBodyEnd(ByteBuf in, int from) {
        int length = (int) Math.min(in.writerIndex() - from, bodyRemaining);
        bodyRemaining -= length;
        if (bodyRemaining == 0) {
            mode = Mode.HEAD;
        }
        return from + length;
    }

    private int scanChunks(ByteBuf in, int from) {
        int index = chunks.scan(in, from, in.writerIndex());
        if (chunks.failure() != null) {
            return reject(chunks.failure());
        }
        if (chunks.isDone()) {
            mode = Mode.HEAD;
        }
        return index;
    }

    @Override
    public void fixedLength(long bytes) {
        if (expectingFraming()) {
            bodyRemaining = bytes;
            mode = bytes > 0 ? Mode.FIXED_BODY : Mode.HEAD;
        }
    }

    @Override
    public void chunked() {
        if (expectingFraming()) {
            chunks.start();
            mode = Mode.CHUNKED_BODY;
        }
    }

    private boolean expectingFraming() {
        if (mode == Mode.AWAIT_FRAMING) {
            return true;
        }
        outOfStep |= mode != Mode.DISCARD;
        return false;
    }

    @Override
    public void rejected() {
        mode = Mode.DISCARD;
        headTimeout.stop();
        releaseHeads();
    }

    private void headTimedOut() {
        if (mode == Mode.HEAD) {
            reject(RejectReason.HEAD_TIMEOUT);
        }
    }

    private int reject(RejectReason reason) {
        rejected();
        ctx.fireUserEventTriggered(RequestRejectedEvent.of(reason));
        return -1;
    }
}
