package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes the decoded pieces of a request body to the backend in the framing the forwarded head
 * announces: as they are for a {@code Content-Length} body, as chunks (with the trailer section
 * at the end) for a chunked one. Chunk extensions are not forwarded.
 */
final class RequestBodyWriter {
    private static final byte[] LAST_CHUNK_SIZE = {'0', '\r', '\n'};
    private static final byte[] COLON_SPACE = {':', ' '};

    private RequestBodyWriter() {
    }

    /** Writes (without flushing) and takes over {@code content}. */
    static void write(Channel backend, HttpContent content, boolean chunked) {
        ByteBuf data = content.content();
        if (!chunked) {
            if (data.isReadable()) {
                backend.write(data, backend.voidPromise());
            } else {
                data.release();
            }
            return;
        }
        if (data.isReadable()) {
            backend.write(ForwardedBytes.chunkHeader(backend.alloc(), data.readableBytes()), backend.voidPromise());
            backend.write(data, backend.voidPromise());
            backend.write(ForwardedBytes.crlf(), backend.voidPromise());
        } else {
            data.release();
        }
        if (content instanceof LastHttpContent last) {
            backend.write(lastChunk(backend, last.trailingHeaders()), backend.voidPromise());
        }
    }

    private static ByteBuf lastChunk(Channel backend, HttpHeaders trailers) {
        if (trailers.isEmpty()) {
            return ForwardedBytes.lastChunk();
        }
        ByteBuf out = backend.alloc().buffer(256).writeBytes(LAST_CHUNK_SIZE);
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = trailers.iteratorCharSequence(); it.hasNext();) {
            Map.Entry<CharSequence, CharSequence> field = it.next();
            out.writeCharSequence(field.getKey(), StandardCharsets.ISO_8859_1);
            out.writeBytes(COLON_SPACE);
            out.writeCharSequence(field.getValue(), StandardCharsets.ISO_8859_1);
            out.writeBytes(ForwardedBytes.CRLF);
        }
        return out.writeBytes(ForwardedBytes.CRLF);
    }
}
