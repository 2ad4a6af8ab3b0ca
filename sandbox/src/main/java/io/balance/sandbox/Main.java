package io.balance.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar balance-sandbox.jar [run] [--api-port N] [--backends N] [--no-quickstart] [--work-dir DIR]}
 * starts the sandbox and applies {@code examples/quickstart.yaml};
 * {@code java -jar balance-sandbox.jar backends list|add|remove [NAME]} changes the demo backends of a
 * running sandbox (through its control endpoint, found in the work directory).
 */
public final class Main {
    static final Path DEFAULT_WORK_DIR = Path.of(System.getProperty("java.io.tmpdir"), "balance-sandbox");
    static final String CONTROL_FILE = "control.url";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        Path workDir = DEFAULT_WORK_DIR;
        int apiPort = 0;
        int backends = 3;
        boolean quickstart = true;
        String command = rest.isEmpty() || rest.get(0).startsWith("--") ? "run" : rest.remove(0);
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            switch (rest.get(i)) {
                case "--work-dir" -> workDir = Path.of(rest.get(++i));
                case "--api-port" -> apiPort = Integer.parseInt(rest.get(++i));
                case "--backends" -> backends = Integer.parseInt(rest.get(++i));
                case "--no-quickstart" -> quickstart = false;
                case "-h", "--help" -> command = "help";
                default -> positional.add(rest.get(i));
            }
        }
        switch (command) {
            case "run" -> run(workDir, apiPort, backends, quickstart);
            case "backends" -> System.exit(backends(workDir, positional));
            case "help" -> System.out.println(usage());
            default -> {
                System.err.println("unknown command: " + command + "\n" + usage());
                System.exit(2);
            }
        }
    }

    static String usage() {
        return """
                usage: balance-sandbox [run] [--api-port N] [--backends N] [--no-quickstart] [--work-dir DIR]
                       balance-sandbox backends list|add|remove [NAME] [--work-dir DIR]

                run: an embedded Kubernetes API server (fabric8 mock, CRUD mode), the Balance operator,
                  proxy pods as real in-process proxies on 127.0.0.11, .12, ..., demo backends on
                  127.0.0.101, ... (Service web-backend); applies examples/quickstart.yaml unless
                  --no-quickstart. Work directory (kubeconfig, kubectl wrapper): %s
                backends: changes the demo backends of a running sandbox (its EndpointSlice).
                Not possible on the mock API server: server-side apply, kubectl watches (get -w, wait,
                  rollout status), server-side tables, schema validation, defaulting, admission, controllers.""".formatted(DEFAULT_WORK_DIR);
    }

    private static void run(Path workDir, int apiPort, int backendCount, boolean quickstart) throws Exception {
        cleanWorkDir(workDir);
        Sandbox sandbox = Sandbox.start(Sandbox.Options.defaults(workDir).withApiPort(apiPort).withBackends(backendCount));
        ControlServer control = new ControlServer(sandbox.backends(), 0);
        Files.writeString(workDir.resolve(CONTROL_FILE), "http://127.0.0.1:" + control.port(), StandardCharsets.UTF_8);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping the sandbox: proxies, operator, API server, backends");
            control.close();
            sandbox.close();
            try {
                Files.deleteIfExists(workDir.resolve(CONTROL_FILE));
            } catch (IOException e) {
                // the next run cleans the work directory anyway
            }
            stopped.countDown();
        }, "sandbox-shutdown"));
        if (quickstart) {
            sandbox.applyQuickstart();
        }
        String firstPod = awaitFirstPod(sandbox, quickstart ? Duration.ofSeconds(30) : Duration.ZERO);
        System.out.println(help(sandbox, firstPod));
        readCommands(sandbox);
        stopped.await();
    }

    private static String awaitFirstPod(Sandbox sandbox, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        do {
            var pods = sandbox.node().pods(sandbox.namespace(), "web");
            if (!pods.isEmpty() && pods.get(0).server() != null) {
                return pods.get(0).trafficUrl();
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        return null;
    }

    static String help(Sandbox sandbox, String firstPod) {
        String k = sandbox.kubectl().toString();
        return """

                ==== Balance sandbox is running (Ctrl-C stops everything) ====
                API server:  %s   (fabric8 mock, CRUD mode, BalanceProxy CRD loaded)
                kubeconfig:  %s
                kubectl:     %s   (a wrapper: --kubeconfig, plus --validate=false for apply/create/replace)
                  alias k='%s'
                  k get bp                 k get bp web -o yaml
                  k get deploy,svc,cm,endpointslices,pods -o wide
                  k api-resources          k apply -f examples/quickstart.yaml
                  k delete bp web
                Demo backends (Service web-backend, port "http"): %s
                  add/remove at run time: type "add", "remove [NAME]", "list" here, or from another shell
                  java -jar sandbox/target/balance-sandbox.jar backends add|remove [NAME]|list
                Traffic: %s
                  curl %s/      (the first proxy pod; there is no Service VIP here: each pod is a real
                                 proxy on its own 127.0.0.x address; admin API on port 9090 of the same address)
                  Proxies get their backends from the operator's endpoint sync (PUT /backends); a proxy
                  with no backends is not Ready and answers 503.
                Not possible on this mock API server: server-side apply (kubectl apply --server-side),
                  watches through kubectl (get -w, wait, rollout status), server-side tables (only NAME
                  and AGE columns), schema validation, defaulting, admission webhooks; no built-in
                  controllers: this sandbox plays the node, the Deployment controller and the garbage collector.
                """.formatted(sandbox.api().url(), sandbox.kubeconfig(), k, k,
                ControlServer.render(sandbox.backends().list()).strip().replace("\n", ";"),
                firstPod == null ? "(no proxy pod yet: apply a BalanceProxy)" : firstPod,
                firstPod == null ? "http://127.0.0.11:8080" : firstPod);
    }

    private static void readCommands(Sandbox sandbox) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] words = line.trim().split("\\s+");
                    switch (words[0]) {
                        case "" -> { }
                        case "add" -> System.out.println("added " + sandbox.backends().add());
                        case "remove" -> {
                            String removed = sandbox.backends().remove(words.length > 1 ? words[1] : null);
                            System.out.println(removed == null ? "no such backend" : "removed " + removed);
                        }
                        case "list" -> System.out.print(ControlServer.render(sandbox.backends().list()));
                        case "pods" -> sandbox.node().allPods().forEach(System.out::println);
                        case "quit", "exit" -> System.exit(0);
                        default -> System.out.println("commands: add | remove [NAME] | list | pods | quit");
                    }
                }
            } catch (IOException e) {
                // stdin closed: keep running until Ctrl-C
            }
        }, "sandbox-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    static int backends(Path workDir, List<String> args) throws IOException, InterruptedException {
        Path file = workDir.resolve(CONTROL_FILE);
        if (!Files.isRegularFile(file)) {
            System.err.println("no running sandbox found (" + file + " is missing); start one with scripts/run.sh");
            return 1;
        }
        String base = Files.readString(file).trim() + "/backends";
        String verb = args.isEmpty() ? "list" : args.get(0);
        HttpRequest.Builder request = switch (verb) {
            case "list" -> HttpRequest.newBuilder(URI.create(base)).GET();
            case "add" -> HttpRequest.newBuilder(URI.create(base)).POST(HttpRequest.BodyPublishers.noBody());
            case "remove" -> HttpRequest.newBuilder(URI.create(base + (args.size() > 1 ? "/" + args.get(1) : ""))).DELETE();
            default -> null;
        };
        if (request == null) {
            System.err.println(usage());
            return 2;
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.print(response.body());
            return response.statusCode() < 300 ? 0 : 1;
        } catch (IOException e) {
            System.err.println("the sandbox at " + base + " does not answer: " + e.getMessage());
            return 1;
        }
    }

    private static void cleanWorkDir(Path workDir) throws IOException {
        if (Files.isDirectory(workDir)) {
            try (var files = Files.walk(workDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(workDir)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        Files.createDirectories(workDir);
    }
}
