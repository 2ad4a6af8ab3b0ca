package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The byte-level cases a socket cannot force: every read exactly one byte long, so each state of
 * the head and chunk scanners is crossed at a read boundary.
 */
class RequestReaderTest {
    private final List<RejectReason> rejects = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    RequestReaderTest() {
        channel.pipeline().addLast(new RequestReader(GuardedServer.settings(Duration.ZERO, rejects::add),
                new ConnectionTimers(new EventLoopTimers(channel.eventLoop()), 0)));
    }

    @Test
    void readsPipelinedRequestsFedOneByteAtATime() {
        String data = "0\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n";
        feedByteByByte("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: " + data.length() + "\r\n\r\n" + data
                + "POST /b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;x=y\r\nabc\r\n" + Integer.toHexString(data.length()) + "\r\n" + data + "\r\n0\r\nX-T: 1\r\n\r\n"
                + "GET /c HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(drainInbound()).containsExactly("POST /a HTTP/1.1", "body " + data,
                "POST /b HTTP/1.1", "body 3\r\nabc\r\n" + Integer.toHexString(data.length()) + "\r\n" + data + "\r\n0\r\nX-T: 1\r\n\r\n",
                "GET /c HTTP/1.1");
        assertThat(rejects).isEmpty();
    }

    @Test
    void findsObsFoldSplitAcrossReads() {
        feedByteByByte("GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n\t2\r\n\r\n");

        assertThat(rejects).containsExactly(RejectReason.OBS_FOLD);
        assertThat(drainOutbound()).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(drainInbound()).isEmpty();
    }

    @Test
    void dropsTheBytesAfterARejectedHeadInTheSameRead() {
        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n\r\nGET /after HTTP/1.1\r\nHost: a\r\n\r\n",
                StandardCharsets.ISO_8859_1));

        assertThat(rejects).containsExactly(RejectReason.BAD_HOST);
        assertThat(drainInbound()).isEmpty();
        assertThat(drainOutbound()).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    /** One read per byte, until the guards close the channel. */
    private void feedByteByByte(String raw) {
        for (byte b : raw.getBytes(StandardCharsets.ISO_8859_1)) {
            if (!channel.isOpen()) {
                return;
            }
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
    }

    /** The bytes written to the client. */
    private String drainOutbound() {
        StringBuilder written = new StringBuilder();
        for (ByteBuf bytes = channel.readOutbound(); bytes != null; bytes = channel.readOutbound()) {
            written.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
        }
        return written.toString();
    }

    /** What reached the handler after the reader: request lines, and each body as it was handed on. */
    private List<String> drainInbound() {
        List<String> seen = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
            if (msg instanceof ValidatedRequest request) {
                seen.add(request.content().toString(StandardCharsets.ISO_8859_1).split("\r\n")[0]);
            } else if (msg instanceof ByteBuf piece) {
                body.append(piece.toString(StandardCharsets.ISO_8859_1));
            } else if (msg == RequestBodyEnd.COMPLETE) {
                seen.add("body " + body);
                body.setLength(0);
            } else {
                seen.add(String.valueOf(msg));
            }
            ReferenceCountUtil.release(msg);
        }
        return seen;
    }
}
