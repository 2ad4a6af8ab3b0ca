package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** The few bytes the proxy adds to what it forwards: its own connection fields and chunk framing. */
final class ForwardedBytes {
    static final byte[] CONNECTION_CLOSE = ascii("connection: close\r\n");
    static final byte[] CONNECTION_KEEP_ALIVE = ascii("connection: keep-alive\r\n");
    static final byte[] TRANSFER_ENCODING_CHUNKED = ascii("transfer-encoding: chunked\r\n");
    static final byte[] CRLF = ascii("\r\n");
    /** Room for the fields above and the final CRLF. */
    static final int EXTRA_FIELDS_MAX = CONNECTION_KEEP_ALIVE.length + TRANSFER_ENCODING_CHUNKED.length + CRLF.length;

    private static final ByteBuf CRLF_BUF = constant("\r\n");
    private static final ByteBuf LAST_CHUNK = constant("0\r\n\r\n");
    private static final byte[] HEX = ascii("0123456789abcdef");

    private ForwardedBytes() {
    }

    /** The size line of a chunk of {@code size} bytes. */
    static ByteBuf chunkHeader(ByteBufAllocator alloc, int size) {
        ByteBuf out = alloc.buffer(10);
        int shift = 28;
        while (shift > 0 && (size >>> shift) == 0) {
            shift -= 4;
        }
        for (; shift >= 0; shift -= 4) {
            out.writeByte(HEX[(size >>> shift) & 0xf]);
        }
        return out.writeBytes(CRLF);
    }

    static ByteBuf crlf() {
        return CRLF_BUF.duplicate();
    }

    static ByteBuf lastChunk() {
        return LAST_CHUNK.duplicate();
    }

    private static ByteBuf constant(String ascii) {
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(ascii(ascii)).asReadOnly());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
