package io.balance.proxy.http;

import io.balance.proxy.backend.Backend;
import io.balance.proxy.channel.IdleTimeoutHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The backend end of one pooled HTTP connection. Requests go out as bytes ({@link RequestHeadWriter},
 * then the body as it came). While a
 * client exchange owns the connection it reads the response straight from the socket's bytes: the head is parsed in place
 * ({@link ResponseHead}) and the body is followed by its framing (length, chunks, or the close)
 * and handed on in slices of the bytes read, never decoded and encoded again. While parked in the
 * pool it only watches for the backend closing it or for {@code http.idle_conn_timeout} without
 * traffic, which closes it; bytes arriving then mean the backend is out of step, and close it too.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BackendHandler.class);

    static final int MAX_RESPONSE_HEAD = 65536;

    private enum Mode { HEAD, FIXED, CHUNKED, UNTIL_CLOSE, DONE }

    private final Backend backend;
    private final long poolIdleTimeoutNanos;
    private final ResponseHead head = new ResponseHead();
    private final HeadEnd headEnd = new HeadEnd();
    private final ChunkedFraming chunks = new ChunkedFraming(ResponseHead.MAX_FIELDS, Integer.MAX_VALUE, false);
    private ChannelHandlerContext ctx;
    private HttpProxyHandler owner;
    private boolean headRequest;
    private Mode mode = Mode.DONE;
    private long remaining;
    private ByteBuf partialHead;

    BackendHandler(Backend backend, long poolIdleTimeoutNanos) {
        this.backend = backend;
        this.poolIdleTimeoutNanos = poolIdleTimeoutNanos;
    }

    ChannelInitializer<Channel> initializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("idle", new IdleTimeoutHandler(poolIdleTimeoutNanos));
                ch.pipeline().addLast("backend", BackendHandler.this);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Hands the next response on this connection to {@code exchange}. */
    void attach(HttpProxyHandler exchange, boolean headRequest) {
        this.owner = exchange;
        this.headRequest = headRequest;
        expectHead();
    }

    void detach() {
        owner = null;
        mode = Mode.DONE;
        releasePartialHead();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || owner == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        try {
            while (in.isReadable() && owner != null) {
                switch (mode) {
                    case HEAD -> readHead(in);
                    case FIXED -> readFixed(in);
                    case CHUNKED -> readChunks(in);
                    case UNTIL_CLOSE -> owner.responseBody(in.readRetainedSlice(in.readableBytes()), false);
                    case DONE -> {
                        in.skipBytes(in.readableBytes());
                        ctx.close();
                    }
                }
            }
        } finally {
            in.release();
        }
    }

    private void readHead(ByteBuf in) {
        int from = in.readerIndex();
        int lf = in.forEachByte(from, in.readableBytes(), headEnd);
        int buffered = partialHead == null ? 0 : partialHead.readableBytes();
        int headBytes = (lf < 0 ? in.writerIndex() : lf + 1) - from;
        if (buffered + headBytes > MAX_RESPONSE_HEAD) {
            owner.badResponse("response head larger than " + MAX_RESPONSE_HEAD + " bytes");
            return;
        }
        if (lf < 0) {
            if (partialHead == null) {
                partialHead = ctx.alloc().buffer(Math.max(1024, headBytes * 2));
            }
            partialHead.writeBytes(in);
            return;
        }
        boolean parsed;
        if (partialHead == null) {
            parsed = head.parse(in, from, lf + 1);
        } else {
            partialHead.writeBytes(in, from, headBytes);
            parsed = head.parse(partialHead, partialHead.readerIndex(), partialHead.writerIndex());
        }
        if (!parsed) {
            owner.badResponse(head.problem());
            return;
        }
        ResponseHead.Framing framing = head.framing(headRequest);
        boolean forwarded = owner.responseHead(head, framing);
        in.readerIndex(lf + 1);
        releasePartialHead();
        if (!forwarded) {
            return;
        }
        if (head.interim()) {
            expectHead();
            return;
        }
        switch (framing) {
            case NONE -> finish(in);
            case FIXED -> {
                mode = Mode.FIXED;
                remaining = head.contentLength();
            }
            case CHUNKED -> {
                mode = Mode.CHUNKED;
                chunks.start();
            }
            case UNTIL_CLOSE -> mode = Mode.UNTIL_CLOSE;
        }
    }

    private void readFixed(ByteBuf in) {
        int length = (int) Math.min(in.readableBytes(), remaining);
        remaining -= length;
        boolean last = remaining == 0;
        owner.responseBody(in.readRetainedSlice(length), last);
        if (last) {
            finish(in);
        }
    }

    private void readChunks(ByteBuf in) {
        int from = in.readerIndex();
        int index = chunks.scan(in, from, in.writerIndex());
        if (chunks.failure() != null) {
            owner.badResponse("malformed chunked body");
            return;
        }
        boolean done = chunks.isDone();
        owner.responseBody(in.readRetainedSlice(index - from), done);
        if (done) {
            finish(in);
        }
    }

    /** The response is complete; the connection can be reused only if nothing else came with it. */
    private void finish(ByteBuf in) {
        mode = Mode.DONE;
        owner.responseEnd(head.keepAlive() && !in.isReadable());
    }

    private void expectHead() {
        mode = Mode.HEAD;
        headEnd.reset();
        releasePartialHead();
    }

    private void releasePartialHead() {
        if (partialHead != null) {
            partialHead.release();
            partialHead = null;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (owner != null) {
            owner.backendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (owner != null) {
            owner.backendWritabilityChanged();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && owner == null) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        backend.connectionClosed();
        releasePartialHead();
        HttpProxyHandler exchange = owner;
        if (exchange == null) {
            BackendPool.current().remove(backend, ctx.channel());
        } else if (mode == Mode.UNTIL_CLOSE) {
            mode = Mode.DONE;
            exchange.responseEnd(false);
        } else {
            owner = null;
            exchange.backendClosed();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePartialHead();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Failures.log(LOG, ctx, cause);
        ctx.close();
    }
}
