package io.balance.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code balance run} in a JVM of its own (the test classpath), so that signals and the exit
 * code are real. Output and errors go to a log file; {@link #close()} kills whatever is left.
 */
final class ProxyProcess implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Process process;
    private final Path log;
    private final int adminPort;

    private ProxyProcess(Process process, Path log, int adminPort) {
        this.process = process;
        this.log = log;
        this.adminPort = adminPort;
    }

    /** Starts {@code balance run --config F} plus {@code extraArgs}; does not wait for readiness. */
    static ProxyProcess start(Path config, int adminPort, Path log, String... extraArgs) throws IOException {
        return start(List.of(), config, adminPort, log, extraArgs);
    }

    /** Like {@link #start(Path, int, Path, String...)}, the JVM launched through {@code launcher} (such as {@code nohup}). */
    static ProxyProcess start(List<String> launcher, Path config, int adminPort, Path log, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "io.balance.proxy.Main", "run", "--config", config.toString()));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ProxyProcess(process, log, adminPort);
    }

    /** Waits until {@code /ready} answers 200; fails with the process log if it never does. */
    ProxyProcess awaitReady() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .failFast(() -> assertThat(process.isAlive()).as(() -> "the proxy process exited: " + describe()).isTrue())
                .until(() -> ready() == 200);
        return this;
    }

    int ready() {
        try {
            return admin("/ready").statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    HttpResponse<String> admin(String path) throws IOException {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** One sample of a Prometheus series from the admin API, NaN when absent. */
    double metric(String series) throws IOException {
        for (String line : admin("/metrics").body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    long pid() {
        return process.pid();
    }

    /** Sends a signal by name (HUP, TERM, ...) with {@code kill}. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -s " + name + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM: on Linux, {@link Process#destroy()} sends exactly that. */
    void terminate() {
        process.destroy();
    }

    /** The exit code, or null if the process is still running after {@code timeout}. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    String describe() {
        return (process.isAlive() ? "running" : "exit code " + process.exitValue()) + ", log:\n" + log();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
