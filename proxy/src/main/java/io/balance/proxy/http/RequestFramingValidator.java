package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits after the request decoder and the response encoder, one per connection. Every decoded request head is checked
 * ({@link RequestHeadCheck}) and, when accepted, handed on with its raw bytes as a
 * {@link ValidatedRequest}; a refused one is answered with its {@link RejectReason}'s status and
 * {@code Connection: close}, its body is swallowed, and the connection closes. The answer keeps
 * HTTP/1.1 pipelining order: if earlier requests are still waiting for their responses, it is
 * written right after the last of them. Refusals found in the raw bytes arrive from
 * {@link RawRequestGuard} as {@link RequestRejectedEvent}s and are answered the same way.
 *
 * <p>A body that turns out broken after its head was forwarded (bad chunk framing) cannot get a
 * clean answer, since a response may be under way: the handler after this one receives a
 * {@link LastHttpContent} with a failed {@link DecoderResult}, must abort the exchange, and the
 * connection is closed once pending writes are flushed.
 */
public final class RequestFramingValidator extends ChannelDuplexHandler {
    private final BodyFraming framing;
    private final RejectListener listener;
    private final RequestHeadCheck check = new RequestHeadCheck();
    private boolean rejected;
    private boolean bodyInProgress;
    private int awaitingResponse;
    private boolean interimResponse;
    private RejectReason pendingReject;
    private ChannelHandlerContext ctx;

    RequestFramingValidator(BodyFraming framing, RejectListener listener) {
        this.framing = framing;
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof HttpRequest request) {
            onHead(ctx, request);
        } else if (msg instanceof HttpContent content) {
            onContent(ctx, content);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        ByteBuf bytes = framing.takeHead();
        RejectReason reason = check.check(request);
        if (reason == null && bytes == null) {
            reason = RejectReason.MALFORMED;
        }
        if (reason != null) {
            ReferenceCountUtil.release(bytes);
            ReferenceCountUtil.release(request);
            reject(ctx, reason);
            return;
        }
        boolean chunked = check.chunked();
        if (chunked) {
            framing.chunked();
        } else {
            framing.fixedLength(check.bodyLength());
        }
        awaitingResponse++;
        bodyInProgress = true;
        ctx.fireChannelRead(new ValidatedRequest(request, bytes, chunked));
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (!content.decoderResult().isSuccess()) {
            abortBody(ctx, content, RejectReason.BAD_CHUNK);
            return;
        }
        if (content instanceof LastHttpContent) {
            bodyInProgress = false;
        }
        ctx.fireChannelRead(content);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof RequestRejectedEvent event)) {
            ctx.fireUserEventTriggered(evt);
        } else if (!rejected && bodyInProgress) {
            LastHttpContent broken = new DefaultLastHttpContent();
            broken.setDecoderResult(DecoderResult.failure(new IllegalArgumentException(event.reason().problem())));
            abortBody(ctx, broken, event.reason());
        } else if (!rejected) {
            reject(ctx, event.reason());
        }
    }

    private void reject(ChannelHandlerContext ctx, RejectReason reason) {
        rejected = true;
        framing.rejected();
        listener.rejected(reason);
        if (awaitingResponse == 0) {
            sendReject(ctx, reason);
        } else {
            pendingReject = reason;
        }
    }

    private void abortBody(ChannelHandlerContext ctx, HttpContent failed, RejectReason reason) {
        rejected = true;
        bodyInProgress = false;
        framing.rejected();
        listener.rejected(reason);
        ctx.fireChannelRead(failed);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private static void sendReject(ChannelHandlerContext ctx, RejectReason reason) {
        ctx.writeAndFlush(RejectResponses.of(reason)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The last bytes of a final response forwarded from the backend were written, below this
     * handler: the response is complete.
     */
    void responseForwarded() {
        if (awaitingResponse > 0) {
            responseCompleted();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean completesResponse = completesResponse(msg);
        ctx.write(msg, promise);
        if (completesResponse) {
            responseCompleted();
        }
    }

    private void responseCompleted() {
        if (--awaitingResponse == 0 && pendingReject != null) {
            RejectReason reason = pendingReject;
            pendingReject = null;
            sendReject(ctx, reason);
        }
    }

    /** A final response's last part; 1xx interim responses (100 Continue) don't count. */
    private boolean completesResponse(Object msg) {
        if (msg instanceof HttpResponse response) {
            interimResponse = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        if (!(msg instanceof LastHttpContent)) {
            return false;
        }
        boolean completes = !interimResponse && awaitingResponse > 0;
        interimResponse = false;
        return completes;
    }
}
