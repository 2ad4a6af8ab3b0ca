package io.balance.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback backend that answers every request head it reads with scripted raw bytes, written
 * in the given pieces with a flush after each (so a response can arrive split anywhere), and
 * then closes the connection or keeps it for the next request. Counts connections accepted.
 */
public final class ScriptedBackend implements AutoCloseable {
    /** What to send back for a request head: the pieces, and whether to close afterwards. */
    public record Answer(List<String> pieces, boolean close) {
        public static Answer of(String response) {
            return new Answer(List.of(response), false);
        }

        public static Answer closing(String response) {
            return new Answer(List.of(response), true);
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Function<String, Answer> script;

    public ScriptedBackend(Function<String, Answer> script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /**
     * Serves one connection until either side closes it. An I/O error only ends the connection:
     * this runs on a thread of its own, where a thrown exception would fail whichever test runs then.
     */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head;
            while ((head = readHead(in)) != null) {
                Answer answer = script.apply(head);
                for (String piece : answer.pieces()) {
                    out.write(piece.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                if (answer.close()) {
                    return;
                }
            }
        } catch (IOException gone) {
            // the proxy closed the connection, or close() did
        } finally {
            open.remove(socket);
        }
    }

    /** Reads a request head (bodies are not expected), or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
