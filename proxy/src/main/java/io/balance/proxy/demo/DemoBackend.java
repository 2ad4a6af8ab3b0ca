package io.balance.proxy.demo;

import com.sun.net.httpserver.HttpServer;
import io.balance.api.config.HostPort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP backend for demos: answers every request with its own name. Used by
 * {@code scripts/run.sh}; not part of the proxy's runtime.
 */
public final class DemoBackend {
    private DemoBackend() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DemoBackend HOST:PORT NAME");
            System.exit(2);
        }
        HostPort address = HostPort.parse(args[0]);
        String name = args[1];
        HttpServer server = HttpServer.create(new InetSocketAddress(address.host(), address.port()), 128);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body = ("hello from " + name + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.getResponseHeaders().set("X-Backend", name);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }
}
