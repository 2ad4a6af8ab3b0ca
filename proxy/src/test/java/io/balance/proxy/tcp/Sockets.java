package io.balance.proxy.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Plain blocking client sockets for TCP-mode tests; every read is bounded by a socket timeout. */
final class Sockets {
    static final int READ_TIMEOUT_MILLIS = 10_000;

    private Sockets() {
    }

    static Socket connect(int port) throws IOException {
        return connect(port, 0);
    }

    /** {@code receiveBuffer} > 0 pins the kernel receive buffer (set before connecting, so it sticks). */
    static Socket connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** Sends {@code text} and expects exactly it back (an echo backend behind the proxy). */
    static void roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        assertThat(new String(readExactly(socket.getInputStream(), bytes.length), StandardCharsets.US_ASCII)).isEqualTo(text);
    }

    static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int n = in.read(out, done, length - done);
            if (n < 0) {
                throw new IOException("end of stream after " + done + " of " + length + " bytes");
            }
            done += n;
        }
        return out;
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** Reads to the end of the stream: the byte count and CRC32 of everything read. */
    static Digest readToEnd(InputStream in, int bufferSize) throws IOException {
        CRC32 crc = new CRC32();
        long count = 0;
        byte[] buffer = new byte[bufferSize];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            crc.update(buffer, 0, n);
            count += n;
        }
        return new Digest(count, crc.getValue());
    }

    /**
     * True when the peer has closed: the next read sees end of stream or a reset. A read timeout
     * (the connection is still open) propagates as an exception and fails the test.
     */
    static boolean closedByPeer(Socket socket) throws IOException {
        try {
            byte[] buffer = new byte[8192];
            while (true) {
                if (socket.getInputStream().read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketException e) {
            return true; // reset: also closed
        }
    }

    record Digest(long bytes, long crc) {
    }
}
