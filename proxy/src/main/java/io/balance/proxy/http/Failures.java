package io.balance.proxy.http;

import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import org.slf4j.Logger;

/** Logs a pipeline failure: peers resetting connections is routine (debug), anything else is a bug (warn). */
final class Failures {
    private Failures() {
    }

    static void log(Logger log, ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("{}: {}", ctx.channel(), cause.toString());
        } else {
            log.warn("{}: unexpected failure", ctx.channel(), cause);
        }
    }
}
