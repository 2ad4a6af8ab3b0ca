package io.balance.proxy.cli;

import io.balance.api.config.ConfigFileException;
import io.balance.api.validation.PathStyle;
import io.balance.proxy.BuildInfo;
import io.balance.proxy.Main;
import io.balance.proxy.ProxyServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code balance run --config FILE}: serves until SIGTERM or SIGINT (drain, then exit 0);
 * SIGHUP or a change of the file reloads it.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the proxy with a config file.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the Balance config file (YAML)")
    Path config;

    @Option(names = "--watch-interval", defaultValue = "2", paramLabel = "SECONDS",
            description = "how often to look for changes of the config file; 0 turns watching off (default: ${DEFAULT-VALUE})")
    int watchSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ConfigFiles.Checked checked;
        try {
            checked = ConfigFiles.check(config);
        } catch (ConfigFileException e) {
            err.println("❌ " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        if (!checked.result().isValid()) {
            err.println("❌ Configuration validation failed with " + checked.result().errors().size() + " error(s):");
            ValidateCommand.numbered(err, checked.result().errors());
            err.flush();
            return 1;
        }
        checked.result().warnings().forEach(w -> err.println("⚠️  " + w.render(PathStyle.FILE)));
        Signals signals = Signals.install();
        ProxyServer server;
        try {
            server = new ProxyServer(checked.config(), BuildInfo.load()).start();
        } catch (java.io.IOException e) {
            err.println("❌ cannot start: " + e.getMessage());
            err.flush();
            return 1;
        }
        ConfigWatcher watcher = new ConfigWatcher(config, server, watchSeconds);
        signals.started(server, watcher);
        server.terminated().join();
        watcher.close();
        return 0;
    }
}
