package io.balance.proxy.cli;

import io.balance.proxy.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs {@code balance ...} in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter outWriter = new PrintWriter(out, true); PrintWriter errWriter = new PrintWriter(err, true)) {
            code = Main.execute(outWriter, errWriter, args);
        }
        return new Cli(code, normalise(out.toString()), normalise(err.toString()));
    }

    List<String> outLines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    List<String> errLines() {
        return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }

    private static String normalise(String text) {
        return text.replace(System.lineSeparator(), "\n");
    }
}
