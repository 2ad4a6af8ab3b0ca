package io.balance.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The sandbox's own small admin endpoint on 127.0.0.1, used by {@code balance-sandbox backends ...}:
 * {@code GET /backends} lists the demo backends, {@code POST /backends} adds one,
 * {@code DELETE /backends} removes the newest, {@code DELETE /backends/NAME} removes that one.
 */
final class ControlServer implements AutoCloseable {
    private final HttpServer server;

    ControlServer(DemoBackends backends, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/backends", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String name = path.length() > "/backends/".length() ? path.substring("/backends/".length()) : null;
            switch (exchange.getRequestMethod()) {
                case "GET" -> send(exchange, 200, render(backends.list()));
                case "POST" -> send(exchange, 201, "added " + backends.add() + "\n" + render(backends.list()));
                case "DELETE" -> {
                    String removed = backends.remove(name);
                    if (removed == null) {
                        send(exchange, 404, "no such backend" + (name == null ? "" : ": " + name) + "\n" + render(backends.list()));
                    } else {
                        send(exchange, 200, "removed " + removed + "\n" + render(backends.list()));
                    }
                }
                default -> send(exchange, 405, "use GET, POST or DELETE\n");
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    static String render(Map<String, String> backends) {
        StringBuilder out = new StringBuilder();
        backends.forEach((name, address) -> out.append("  ").append(name).append("  ").append(address).append('\n'));
        return out.length() == 0 ? "  (no backends)\n" : out.toString();
    }

    private static void send(HttpExchange exchange, int code, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
