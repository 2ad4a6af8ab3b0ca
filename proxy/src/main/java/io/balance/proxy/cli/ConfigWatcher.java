package io.balance.proxy.cli;

import io.balance.api.config.ConfigFileException;
import io.balance.api.validation.PathStyle;
import io.balance.proxy.ProxyServer;
import io.balance.proxy.ReloadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the config file when its content changes (polled: robust against the symlink swaps
 * of a Kubernetes ConfigMap volume) or on demand. A bad file is logged and counted, and the
 * config in force keeps serving.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final ProxyServer server;
    private final ScheduledExecutorService executor;
    private byte[] lastContent;

    public ConfigWatcher(Path file, ProxyServer server, int intervalSeconds) {
        this.file = file;
        this.server = server;
        this.lastContent = read();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "balance-config-watch");
            t.setDaemon(true);
            return t;
        });
        if (intervalSeconds > 0) {
            executor.scheduleWithFixedDelay(this::checkForChange, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        }
    }

    public void reloadNow(String why) {
        try {
            executor.execute(() -> reload(why));
        } catch (RejectedExecutionException e) {
            LOG.info("not reloading ({}): shutting down", why);
        }
    }

    private void checkForChange() {
        byte[] content = read();
        if (content != null && !Arrays.equals(content, lastContent)) {
            reload("file changed");
        }
    }

    private synchronized void reload(String why) {
        lastContent = read();
        LOG.info("reloading {} ({})", file, why);
        try {
            ConfigFiles.Checked checked = ConfigFiles.check(file);
            if (!checked.result().isValid()) {
                server.metrics().reloaded(false);
                LOG.error("reload rejected, keeping the config in force: {}",
                        String.join("; ", checked.result().render(PathStyle.FILE, checked.result().errors())));
                return;
            }
            ReloadResult result = server.reloadFromFile(checked.config());
            if (result.applied()) {
                LOG.info("reload applied");
            } else {
                LOG.error("reload rejected, keeping the config in force: {}", String.join("; ", result.messages()));
            }
        } catch (ConfigFileException e) {
            server.metrics().reloaded(false);
            LOG.error("reload rejected, keeping the config in force: {}", e.getMessage());
        } catch (RuntimeException e) {
            server.metrics().reloaded(false);
            LOG.error("reload failed, keeping the config in force", e);
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
