package io.balance.operator.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admission endpoint: {@code POST /validate} over HTTPS (TLS 1.3 and 1.2 only) on the JDK's
 * HttpsServer. The certificate comes from a {@link ReloadingKeyManager}, so {@link #reload}
 * takes effect for the next handshake without a restart.
 */
public final class WebhookServer implements AutoCloseable {
    public static final String PATH = "/validate";
    static final int MAX_BODY = 3 * 1024 * 1024; // the API server caps objects at about 1.5 MiB; a review holds two

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final HttpsServer server;
    private final ReloadingKeyManager keys;
    private final ExecutorService executor;

    private WebhookServer(HttpsServer server, ReloadingKeyManager keys, ExecutorService executor) {
        this.server = server;
        this.keys = keys;
        this.executor = executor;
    }

    /** Binds {@code address} (port 0: any free port) and starts serving. */
    public static WebhookServer start(InetSocketAddress address, WebhookTls tls, AdmissionHandler handler) throws IOException {
        ReloadingKeyManager keys = new ReloadingKeyManager(tls);
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        HttpsServer server = HttpsServer.create(address, 64);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setProtocols(PROTOCOLS);
                parameters.setNeedClientAuth(false);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext(PATH, exchange -> handle(exchange, handler));
        server.createContext("/", exchange -> reply(exchange, 404, "text/plain", "not found; POST " + PATH + "\n"));
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        LOG.info("admission webhook serving https://{}{}", server.getAddress(), PATH);
        return new WebhookServer(server, keys, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** New certificate for new connections; open ones finish with the old. */
    public void reload(WebhookTls tls) {
        keys.load(tls);
        LOG.info("admission webhook certificate reloaded; valid until {}", tls.serving().getNotAfter().toInstant());
    }

    private static void handle(HttpExchange exchange, AdmissionHandler handler) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                reply(exchange, 405, "text/plain", "POST an AdmissionReview\n");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                reply(exchange, 413, "text/plain", "request too large\n");
                return;
            }
            AdmissionHandler.Reply reply = handler.handle(body);
            reply(exchange, reply.status(), "application/json", reply.body());
        } catch (RuntimeException e) {
            LOG.warn("admission request failed: {}", e.toString());
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
