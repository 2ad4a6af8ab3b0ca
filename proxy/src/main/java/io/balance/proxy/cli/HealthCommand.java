package io.balance.proxy.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code balance health --url U}: exit 0 on a 2xx answer, 1 otherwise; for image health checks. */
@Command(name = "health", mixinStandardHelpOptions = true, description = "Probe an admin endpoint; exit 0 when it answers 2xx.")
public final class HealthCommand implements Callable<Integer> {
    @Option(names = {"-u", "--url"}, defaultValue = "http://127.0.0.1:9090/health", paramLabel = "URL",
            description = "the URL to probe (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = {"-t", "--timeout"}, defaultValue = "3", paramLabel = "SECONDS", description = "give up after this long")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(timeoutSeconds)).GET().build(), HttpResponse.BodyHandlers.ofString());
            out.println(response.statusCode() + " " + response.body().strip());
            out.flush();
            return response.statusCode() / 100 == 2 ? 0 : 1;
        } catch (Exception e) {
            spec.commandLine().getErr().println("unhealthy: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
