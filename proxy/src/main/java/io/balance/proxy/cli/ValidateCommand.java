package io.balance.proxy.cli;

import io.balance.api.config.ConfigFileException;
import io.balance.api.validation.PathStyle;
import io.balance.api.validation.Problem;
import io.balance.proxy.Main;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code balance validate --config FILE [--verbose]}: exit 0 valid, 1 invalid, 2 unreadable. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a config file and list every problem in it.")
public final class ValidateCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the Balance config file (YAML)")
    Path config;

    @Option(names = {"-v", "--verbose"}, description = "also print a summary of the config")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigFiles.Checked checked;
        try {
            checked = ConfigFiles.check(config);
        } catch (ConfigFileException e) {
            err.println("❌ " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        List<Problem> errors = checked.result().errors();
        List<Problem> warnings = checked.result().warnings();
        if (!errors.isEmpty()) {
            out.println("❌ Configuration validation failed with " + errors.size() + " error(s):");
            numbered(out, errors);
        } else {
            out.println("✅ Configuration is valid");
        }
        if (!warnings.isEmpty()) {
            out.println("⚠️  " + warnings.size() + " warning(s):");
            numbered(out, warnings);
        }
        if (verbose && errors.isEmpty()) {
            out.println();
            ConfigSummary.print(out, checked.config());
        }
        out.flush();
        return errors.isEmpty() ? 0 : 1;
    }

    static void numbered(PrintWriter out, List<Problem> problems) {
        for (int i = 0; i < problems.size(); i++) {
            out.println("  " + (i + 1) + ". " + problems.get(i).render(PathStyle.FILE));
        }
    }
}
