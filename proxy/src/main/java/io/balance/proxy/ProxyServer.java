package io.balance.proxy;

import io.balance.api.config.HostPort;
import io.balance.api.config.Mode;
import io.balance.api.config.ProxyConfig;
import io.balance.api.validation.ConfigValidator;
import io.balance.api.validation.PathStyle;
import io.balance.api.validation.ValidationResult;
import io.balance.proxy.admin.AdminServer;
import io.balance.proxy.admin.AdminToken;
import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendConnector;
import io.balance.proxy.backend.BackendListener;
import io.balance.proxy.backend.BackendRegistry;
import io.balance.proxy.lb.SlowStart;
import io.balance.proxy.http.BackendPool;
import io.balance.proxy.http.HttpChannelInitializer;
import io.balance.proxy.http.HttpProxyHandler;
import io.balance.proxy.metrics.BackendMetersRegistry;
import io.balance.proxy.metrics.ProxyMetrics;
import io.balance.proxy.resilience.HealthFactory;
import io.balance.proxy.resilience.Resilience;
import io.balance.proxy.tcp.TcpChannelInitializer;
import io.balance.proxy.tcp.TcpTransport;
import io.balance.proxy.transport.Transport;
import io.balance.proxy.transport.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running proxy: the traffic listener, the admin API, the backend registry and health
 * checks. Starts, applies new configs hot, and drains on shutdown.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 128 * 1024);
    /** Netty's default, one per accepted channel unless given; it keeps no per-channel state, so all share one. */
    private static final RecvByteBufAllocator RECEIVE_SIZING = new AdaptiveRecvByteBufAllocator();

    private final BuildInfo buildInfo;
    private final Instant startedAt = Instant.now();
    private final ProxyMetrics metrics = new ProxyMetrics();
    private final ConfigValidator validator = new ConfigValidator();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private volatile ProxyConfig config;
    private volatile long configVersion;
    private volatile boolean configPushed;
    private volatile AdminToken token;
    private Transport transport;
    private EventLoopGroup workerGroup;
    private BackendConnector connector;
    private ChannelGroup clients;
    private Channel listener;
    private ProxyState state;
    private HealthFactory health;
    private AdminServer admin;
    private volatile boolean listening;
    private volatile boolean stopping;

    public ProxyServer(ProxyConfig config, BuildInfo buildInfo) {
        this.config = Objects.requireNonNull(config);
        this.buildInfo = buildInfo;
    }

    /** Binds the listener and the admin API; throws if either port can't be bound. */
    public synchronized ProxyServer start() throws IOException, InterruptedException {
        token = readToken(config);
        transport = Transports.select(config.transport().type());
        if (config.mode() == Mode.TCP) {
            transport = TcpTransport.forTcpMode(transport);
        }
        int threads = config.transport().eventLoops() > 0 ? config.transport().eventLoops() : Runtime.getRuntime().availableProcessors();
        workerGroup = transport.newGroup(threads, "balance-io");
        metrics.bindEventLoops(workerGroup);
        connector = new BackendConnector(transport);
        clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);

        SlowStart slowStart = SlowStart.systemClock();
        health = new HealthFactory(config, workerGroup, connector, slowStart);
        BackendRegistry registry = new BackendRegistry(config.loadBalancer(), health::create, slowStart);
        BackendMetersRegistry backendMeters = new BackendMetersRegistry(metrics, health::circuitState);
        registry.addListener(backendMeters);
        registry.addListener(health);
        registry.addListener(new PoolCloser(workerGroup));
        state = new ProxyState(TrafficSettings.of(config, configVersion), registry, metrics, backendMeters,
                Resilience.create(metrics));
        registry.applyFromFile(config.backends());

        try {
            listener = bindOrExplain("listen", config.listen(), () -> new ServerBootstrap()
                    .group(workerGroup)
                    .channel(transport.serverChannelClass())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_SIZING)
                    .childOption(ChannelOption.AUTO_READ, config.mode() == Mode.HTTP)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, config.mode() == Mode.TCP)
                    .childHandler(channelInitializer())
                    .bind(bindAddress(config.listen()))
                    .sync()
                    .channel());
            admin = bindOrExplain("admin.listen", config.admin().listen(),
                    () -> new AdminServer(this).start(bindAddress(config.admin().listen())));
        } catch (Exception e) {
            shutdownGroups();
            throw e instanceof IOException io ? io : new IOException("cannot start: " + e.getMessage(), e);
        }
        listening = true;
        metrics.backendsVersion(registry.current().version());
        LOG.info("balance {} listening on {} ({} mode, {} transport, {} event loops), admin on {}",
                buildInfo.version(), listener.localAddress(), config.mode().key(), transport.name(), threads, admin.localAddress());
        return this;
    }

    private ChannelInitializer<Channel> channelInitializer() {
        return config.mode() == Mode.HTTP
                ? new HttpChannelInitializer(() -> state, connector, clients)
                : new TcpChannelInitializer(() -> state, connector, clients);
    }

    static InetSocketAddress bindAddress(String listen) {
        HostPort hostPort = HostPort.parse(listen);
        return hostPort.anyHost() ? new InetSocketAddress(hostPort.port()) : new InetSocketAddress(hostPort.host(), hostPort.port());
    }

    private static AdminToken readToken(ProxyConfig config) throws IOException {
        String file = config.admin().tokenFile();
        return file == null || file.isBlank() ? AdminToken.none() : AdminToken.fromFile(Path.of(file));
    }

    // ---- what the admin API and the CLI call ----------------------------------------------

    private interface Binding<T> {
        T bind() throws Exception;
    }

    /** Runs {@code binding}; a failure names the key and address it was for ("listen :8080: Address already in use"). */
    private static <T> T bindOrExplain(String key, String address, Binding<T> binding) throws IOException {
        try {
            return binding.bind();
        } catch (Exception e) {
            String reason = String.valueOf(e.getMessage()).replaceFirst("^bind\\(\\.\\.\\) failed( with error\\(-?\\d+\\))?: ", "");
            throw new IOException(key + " " + address + ": " + reason, e);
        }
    }

    public InetSocketAddress trafficAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public InetSocketAddress adminAddress() {
        return admin.localAddress();
    }

    public ProxyState state() {
        return state;
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    public ProxyConfig config() {
        return config;
    }

    public long configVersion() {
        return configVersion;
    }

    public BuildInfo buildInfo() {
        return buildInfo;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String transportName() {
        return transport.name();
    }

    public AdminToken token() {
        return token;
    }

    public HealthFactory health() {
        return health;
    }

    /** Ready: listening, holding a non-empty backend set, and not draining. Null when ready. */
    public String notReadyReason() {
        if (!listening) {
            return "listener not bound";
        }
        if (state.draining()) {
            return "draining";
        }
        if (state.registry().current().isEmpty()) {
            return "no backends";
        }
        return null;
    }

    /** Applies a config from the file (SIGHUP or a change on disk). */
    public synchronized ReloadResult reloadFromFile(ProxyConfig next) {
        if (configPushed) {
            return ReloadResult.rejected("a config was pushed over the admin API (version " + configVersion
                    + "); the file no longer applies until restart");
        }
        ReloadResult result = apply(next, configVersion);
        metrics.reloaded(result.applied());
        return result;
    }

    /** Applies a config pushed over the admin API with its version. */
    public synchronized ReloadResult pushConfig(long version, ProxyConfig pushed) {
        ProxyConfig next = PushedConfig.placedOn(config, pushed);
        if (configPushed && version < configVersion) {
            return ReloadResult.conflict("version " + version + " is older than the applied version " + configVersion);
        }
        if (configPushed && version == configVersion) {
            return next.withBackends(config.backends()).equals(config) ? ReloadResult.unchanged()
                    : ReloadResult.conflict("version " + version + " is already applied with a different config; send a higher version");
        }
        ReloadResult result = apply(next.withBackends(next.backends().isEmpty() ? config.backends() : next.backends()), version);
        if (result.applied()) {
            configPushed = true;
        }
        metrics.reloaded(result.applied());
        return result;
    }

    private ReloadResult apply(ProxyConfig next, long version) {
        ValidationResult validation = validator.validate(next);
        if (!validation.isValid()) {
            return ReloadResult.invalid(validation.render(PathStyle.FILE, validation.errors()));
        }
        List<String> restartKeys = RestartKeys.changed(config, next);
        if (!restartKeys.isEmpty()) {
            return ReloadResult.conflict("these keys only change with a restart: " + String.join(", ", restartKeys));
        }
        AdminToken nextToken;
        try {
            nextToken = readToken(next);
        } catch (IOException e) {
            return ReloadResult.invalid(List.of("admin.token_file: " + e.getMessage()));
        }
        config = next;
        configVersion = version;
        token = nextToken;
        state.settings(TrafficSettings.of(next, version));
        state.registry().reconfigure(next.loadBalancer());
        health.reconfigure(next);
        state.registry().applyFromFile(next.backends());
        metrics.backendsVersion(state.registry().current().version());
        LOG.info("config version {} applied", version);
        return ReloadResult.ok();
    }

    // ---- shutdown ---------------------------------------------------------------------------

    /**
     * Drains: readiness false at once; the listener keeps accepting for {@code drain_delay}, then
     * closes; idle keep-alive connections are closed, busy ones close after their response; after
     * {@code grace_period} whatever is left is closed. Completes when everything has stopped.
     */
    public CompletableFuture<Void> drain() {
        synchronized (this) {
            if (stopping) {
                return terminated;
            }
            stopping = true;
        }
        ProxyConfig cfg = config;
        LOG.info("draining: readiness off, listener closes in {}, grace {}", cfg.shutdown().drainDelay(), cfg.shutdown().gracePeriod());
        state.startDraining();
        long graceEnd = System.nanoTime() + cfg.shutdown().gracePeriod().toNanos();
        EventExecutor timer = workerGroup.next();
        timer.schedule(() -> {
            listening = false;
            listener.close().addListener(f -> sweep(timer, graceEnd));
        }, cfg.shutdown().drainDelay().toNanos(), TimeUnit.NANOSECONDS);
        return terminated;
    }

    private void sweep(EventExecutor timer, long graceEnd) {
        closeIdleClients();
        if (clients.isEmpty() || System.nanoTime() >= graceEnd) {
            if (!clients.isEmpty()) {
                LOG.warn("grace period over: closing {} connections still open", clients.size());
            }
            clients.close().addListener(f -> stopNow());
            return;
        }
        timer.schedule(() -> sweep(timer, graceEnd), 50, TimeUnit.MILLISECONDS);
    }

    private void closeIdleClients() {
        for (Channel channel : clients) {
            channel.eventLoop().execute(() -> {
                HttpProxyHandler handler = channel.pipeline().get(HttpProxyHandler.class);
                if (handler != null && !handler.busy()) {
                    channel.close();
                }
            });
        }
    }

    private void stopNow() {
        new Thread(() -> {
            try {
                close();
            } finally {
                terminated.complete(null);
            }
        }, "balance-stop").start();
    }

    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public synchronized void close() {
        stopping = true;
        listening = false;
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        if (clients != null) {
            clients.close().awaitUninterruptibly();
        }
        if (health != null) {
            health.close();
        }
        if (admin != null) {
            admin.close();
        }
        shutdownGroups();
        terminated.complete(null);
    }

    private void shutdownGroups() {
        List<io.netty.util.concurrent.Future<?>> futures = new ArrayList<>();
        if (workerGroup != null) {
            futures.add(workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS));
        }
        futures.forEach(io.netty.util.concurrent.Future::awaitUninterruptibly);
        if (connector != null) {
            connector.close();
        }
    }

    /** Closes the idle pooled connections of a removed backend on every event loop. */
    private record PoolCloser(EventLoopGroup group) implements BackendListener {
        @Override
        public void added(Backend backend) {
        }

        @Override
        public void removed(Backend backend) {
            for (EventExecutor executor : group) {
                if (executor instanceof EventLoop loop) {
                    loop.execute(() -> BackendPool.current().closeAll(backend));
                }
            }
        }
    }

    static Duration uptime(Instant since) {
        return Duration.between(since, Instant.now());
    }
}
