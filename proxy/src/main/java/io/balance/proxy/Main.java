package io.balance.proxy;

import io.balance.proxy.cli.HealthCommand;
import io.balance.proxy.cli.RunCommand;
import io.balance.proxy.cli.ValidateCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code balance} command line: run, validate, health. */
@Command(name = "balance", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Balance: an L4/L7 load balancer.",
        subcommands = {RunCommand.class, ValidateCommand.class, HealthCommand.class})
public final class Main implements Runnable {
    /** Exit code for a usage error or an unreadable file. */
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        NettyDefaults.apply();
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /** Runs the command line with its output and errors sent to the given writers (null: the console). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        cli.setParameterExceptionHandler((ex, a) -> {
            cli.getErr().println(ex.getMessage());
            ex.getCommandLine().usage(cli.getErr());
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required: run, validate or health");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo info = BuildInfo.load();
            return new String[] {"balance " + info.version() + " (commit " + info.gitCommit() + ", built " + info.buildTime() + ")"};
        }
    }
}
