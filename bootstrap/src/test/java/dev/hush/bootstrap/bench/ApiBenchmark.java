package dev.hush.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.application.crypto.RsaOaep;
import dev.hush.bootstrap.support.TestFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * The API benchmark (not a test; {@code bench/api-benchmark}). Starts PostgreSQL 17 with the embedded default's
 * durability settings ({@link BenchPostgres}) and the packaged server on it as a separate process ({@link HushNode}),
 * seeds 11 organizations, and measures, each cell for {@code bench.seconds} after a warm-up: the framework floor, the
 * pull of 100 secrets, the sealed retrieval of 100 secrets to an RSA-2048 key, setting one secret and a sealed set at
 * concurrency 1 and 16; a bulk import of 1,000 secrets at 1 and 4; 10 organizations pulled at once and two server
 * nodes pulling one organization at 16. Then the audit log's count of pulls, the targets and the bare
 * cryptographic cost of the sealed operations. {@code bench.jfr=true} records every server with Java Flight Recorder.
 */
public final class ApiBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final int ORGS = 10;
    private static final int IMPORT = 1000;

    private final BenchPostgres pg;
    private final double seconds;
    private final double warmup;
    /** Print each cell's most frequent statements per request too. */
    private final boolean sqlDetail;
    private final Report report = new Report();
    /** Successful value reads (full pulls and sealed retrieves): each should be one secret.read audit event. */
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong counter = new AtomicLong();

    private ApiBenchmark(BenchPostgres pg, double seconds, boolean sqlDetail) {
        this.pg = pg;
        this.seconds = seconds;
        this.sqlDetail = sqlDetail;
        this.warmup = Math.min(3, seconds);
    }

    /** Starts a server node on the benchmark's database. */
    interface Nodes {
        HushNode start(String name) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "bootstrap/target/hush.jar").toAbsolutePath();
        String javaBin = args.length > 1 ? args[1] : ProcessHandle.current().info().command().orElse("java");
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "8"));
        Path jfrDir = !on(System.getProperty("bench.jfr", "")) ? null : Path.of(System.getProperty("bench.out", "bootstrap/target/bench")).toAbsolutePath();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = Files.createTempDirectory("hush-api-bench");
        List<HushNode> started = new ArrayList<>();
        try (BenchPostgres pg = BenchPostgres.start(work.resolve("pg"))) {
            Map<String, String> env = Map.of(
                    "HUSH_DATABASE_URL", pg.jdbcUrl(),
                    "HUSH_DATABASE_USER", BenchPostgres.USER,
                    "HUSH_DATABASE_PASSWORD", BenchPostgres.PASSWORD,
                    // One root key for every node (the first one creates it).
                    "HUSH_KMS_LOCAL_PATH", work.resolve("root.key").toString(),
                    "HUSH_BENCHMARK_FLOOR_ENDPOINT", "true",
                    "HUSH_REGISTER_PER_ADDRESS_PER_HOUR", "1000");
            Nodes nodes = name -> {
                HushNode node = HushNode.start(name, jar, javaBin, work, env, jfrDir == null ? null : jfrDir.resolve("api-" + stamp + "-" + name + ".jfr"),
                        name.equals("node1"));
                started.add(node);
                return node;
            };
            String javaVersion = new String(new ProcessBuilder(javaBin, "-version").redirectErrorStream(true).start()
                    .getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
            System.out.printf("Hush API benchmark — server JVM: %s; %s%n", javaVersion, pg.describe());
            System.out.printf("%d cores shared by the servers, PostgreSQL and the load generator (load average %s); %.0f s per cell after %.0f s "
                    + "of warm-up per scenario%n", Runtime.getRuntime().availableProcessors(), loadAverage(), seconds, Math.min(3, seconds));
            if (jfrDir != null) {
                System.out.printf("JFR: every server records with settings=profile from its start; files in %s (written when it stops)%n", jfrDir);
            }
            try (HushNode one = nodes.start("node1")) {
                new ApiBenchmark(pg, seconds, on(System.getProperty("bench.sql", ""))).run(one, nodes);
            }
        } finally {
            for (HushNode node : started) {
                if (node.jfr != null) {
                    System.out.printf("JFR %s: %s (%s)%n", node.name, node.jfr, Files.exists(node.jfr) ? String.format("%,d kB", Files.size(node.jfr) / 1024) : "missing");
                }
            }
            TestFiles.deleteTree(work);
        }
    }

    private void run(HushNode one, Nodes nodes) throws Exception {
        URI base = one.base;
        Tenant main = Tenant.register(base, "bench@example.com");
        main.project(base, "bench");
        main.secrets(base, "bench", "dev", 100);
        main.secrets(base, "bench", "staging", 100);
        main.project(base, "import");
        List<Tenant> orgs = new ArrayList<>();
        for (int k = 0; k < ORGS; k++) {
            Tenant t = Tenant.register(base, "bench-" + k + "@example.com");
            t.project(base, "bench");
            t.secrets(base, "bench", "dev", 100);
            orgs.add(t);
        }

        HttpRequest floor = HttpRequest.newBuilder(base.resolve("/bench/floor")).GET().build();
        HttpRequest pull = pull(base, main);
        List<HttpRequest> orgPulls = orgs.stream().map(t -> pull(base, t)).toList();
        if (send(pull).get("secrets").size() != 100 || send(floor).get("secrets").size() != 100) {
            throw new IllegalStateException("expected 100 secrets in the pull and the floor");
        }
        reads.incrementAndGet();

        // Sealed retrieval of the 100 dev secrets to an RSA-2048 client key; the bundle is opened once here.
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair client = rsa.generateKeyPair();
        HttpRequest retrieve = authorized(base.resolve(secrets(main, "dev") + "/retrieve"), main)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("publicKeyPem", RsaOaep.pem(client.getPublic().getEncoded())))))
                .build();
        checkBundle(send(retrieve), client);
        reads.incrementAndGet();

        // Sealed set: values sealed (RSA-OAEP-256) to the org key ahead of time, so the load generator spends nothing on them.
        RSAPublicKey orgKey = RsaOaep.parseClientKey("orgKey", Tenant.ok(main.api(base).get("/v1/orgs/" + main.orgId() + "/public-key"))
                .body().get("publicKeyPem").asText());
        List<String> sealedValues = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sealedValues.add(Base64.getEncoder().encodeToString(RsaOaep.encrypt(orgKey, ("sealed-value-" + i + "-" + "y".repeat(24)).getBytes(StandardCharsets.UTF_8))));
        }

        URI staging = base.resolve(secrets(main, "staging"));
        URI imports = base.resolve("/v1/secrets/" + main.org() + "/import/dev/bulk");
        // Sets: every thread writes its own 10 keys (no waiting on another thread's row lock), a new value each time.
        Load.Call set = (t, n) -> authorized(staging, main).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"key\":\"SET_" + t + "_" + (n % 10) + "\",\"value\":\"v" + counter.incrementAndGet() + "\"}")).build();
        Load.Call sealedSet = (t, n) -> authorized(staging, main).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"key\":\"SEALED_" + t + "_" + (n % 10) + "\",\"sealed\":true,\"encryptedValue\":\""
                        + sealedValues.get((int) (counter.incrementAndGet() % sealedValues.size())) + "\"}")).build();
        // Every thread imports its own 1,000 keys with new values each time (unchanged values would write nothing).
        Load.Call bulk = (t, n) -> authorized(imports, main).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(importBody(t, counter.incrementAndGet()))).build();
        JsonNode imported = send(bulk.request(99, 0));
        if (imported.get("created").asInt() != IMPORT) {
            throw new IllegalStateException("expected a bulk import to create " + IMPORT + " secrets: " + imported);
        }
        System.out.printf("Seeded: %d organizations with a project of 100 secrets each (the first: 3 environments), a bulk import of %,d checked; "
                + "%.1f SQL statements/s with no requests (background jobs, included in the cells)%n", ORGS + 1, IMPORT, idleStatements());
        System.out.println();

        report.header();
        scenario("floor: fixed 100-secret JSON", (t, n) -> floor, Kind.FLOOR, null, 1, 16);
        if (on(System.getProperty("bench.set-only", ""))) {
            scenario("set one secret", set, Kind.WRITE, null, 1, 16);
            return; // BENCH_SET_ONLY=1: the floor and the single set
        }
        Map<Integer, Load.Result> pulls = scenario("pull 100, one org", (t, n) -> pull, Kind.READ, null, 1, 16);
        // The same lookups, rows and decryption without the audit record (a preview is masked and not audited): what any
        // design of the audit could at best bring the pull to on this machine.
        // The same pull over Connect (JSON, on the HTTP port) and over gRPC (grpc-java, one channel for all the load threads).
        HttpRequest connectPull = authorized(base.resolve("/hush.v1.SecretsService/PullSecrets"), main).header("Content-Type", "application/json")
                .header("Connect-Protocol-Version", "1").POST(HttpRequest.BodyPublishers.ofString("{\"env\":{\"org\":\"" + main.org()
                        + "\",\"project\":\"bench\",\"environment\":\"dev\"}}")).build();
        scenario("pull 100 over Connect (JSON)", (t, n) -> connectPull, Kind.READ, null, 1, 16);
        Load.Exchanges grpcPull = grpcPull(one.grpcPort, main);
        scenario("pull 100 over gRPC", grpcPull, Kind.READ, null, 1, 16);
        // The ratios: the three in turn, several short rounds, so that drift (the audit log growing, the JIT, the
        // neighbours of a shared machine) weighs on each protocol alike.
        Map<String, Load.Exchanges> protocols = new java.util.LinkedHashMap<>();
        protocols.put("REST", Load.http((t, n) -> pull));
        protocols.put("Connect", Load.http((t, n) -> connectPull));
        protocols.put("gRPC", grpcPull);
        Map<Integer, Protocols> protocolMedians = new HashMap<>();
        for (int c : new int[] {1, 16}) {
            protocolMedians.put(c, interleaved("pull 100 by protocol", protocols, c, one));
        }
        HttpRequest preview = authorized(base.resolve(secrets(main, "dev") + "?mode=preview"), main).GET().build();
        Map<Integer, Load.Result> previews = scenario("preview pull 100 (no audit: bound)", (t, n) -> preview, Kind.UNAUDITED, null, 16);
        if (on(System.getProperty("bench.pull-only", ""))) {
            return; // BENCH_PULL_ONLY=1: the floor and the pull, for quick comparisons and profiles
        }
        Map<Integer, Load.Result> retrieves = scenario("sealed retrieve 100 (RSA-2048)", (t, n) -> retrieve, Kind.READ, null, 1, 16);
        Map<Integer, Load.Result> sets = scenario("set one secret", set, Kind.WRITE, null, 1, 16);
        scenario("sealed set (RSA-OAEP-3072 open)", sealedSet, Kind.WRITE, null, 1, 16);
        scenario("bulk import 1,000 secrets", bulk, Kind.WRITE, r -> String.format("%,.0f values/s", r.perSecond() * IMPORT), 1, 4);
        scenario("pull 100, " + ORGS + " orgs at once", (t, n) -> orgPulls.get(t % ORGS), Kind.READ, null, 16);
        Load.Result twoNodes;
        double onePerSecond = pulls.get(16).perSecond();
        try (HushNode two = nodes.start("node2")) {
            HttpRequest pullTwo = pull(two.base, main);
            warm((t, n) -> pullTwo, Kind.READ); // node2's JIT and pools; then both, in the scenario's own warm-up
            twoNodes = scenario("pull 100, one org, two nodes", (t, n) -> t % 2 == 0 ? pull : pullTwo, Kind.READ,
                    r -> String.format("the sum: %.2fx one node (%,.0f req/s); node1 %,.0f + node2 %,.0f req/s", r.perSecond() / onePerSecond,
                            onePerSecond, perNode(r, 0), perNode(r, 1)), 16).get(16);
        }

        System.out.printf("(load average after the cells: %s)%n", loadAverage());
        lockWaits.forEach((name, w) -> System.out.printf("%s, c16: %s%n", name, w));
        auditCheck(base, main, orgs);
        targets(pulls.get(1), pulls.get(16), previews.get(16), retrieves.get(16), sets.get(16), twoNodes, protocolMedians);
        BareCrypto.print(client, warmup);
    }

    /** Rounds of the interleaved protocol comparison. */
    private static final int ROUNDS = 5;

    /**
     * Each protocol's pull in turn, {@value #ROUNDS} rounds of a third of a cell's time each at concurrency {@code c}:
     * prints each protocol's median req/s with its ratio to the first (and the ratios of every round), and the median
     * CPU time per request of the server and of the load generator (it shares the cores, so a client that costs more
     * lowers req/s without costing the server anything); returns the medians.
     */
    /** Each protocol's median req/s and server CPU milliseconds per request. */
    private record Protocols(Map<String, Double> perSecond, Map<String, Double> serverCpuMs) {}

    private Protocols interleaved(String name, Map<String, Load.Exchanges> protocols, int c, HushNode server) throws Exception {
        Map<String, double[]> perRound = new java.util.LinkedHashMap<>();
        Map<String, double[]> cpuPerRound = new java.util.LinkedHashMap<>();
        Map<String, double[]> clientCpuPerRound = new java.util.LinkedHashMap<>();
        protocols.keySet().forEach(p -> {
            perRound.put(p, new double[ROUNDS]);
            cpuPerRound.put(p, new double[ROUNDS]);
            clientCpuPerRound.put(p, new double[ROUNDS]);
        });
        for (int round = 0; round < ROUNDS; round++) {
            for (var p : protocols.entrySet()) {
                long cpu = server.cpuNanos();
                long clientCpu = ownCpuNanos();
                Load.Result r = Load.run(p.getValue(), c, seconds / 3);
                cpuPerRound.get(p.getKey())[round] = (server.cpuNanos() - cpu) / 1e6 / Math.max(1, r.ok());
                clientCpuPerRound.get(p.getKey())[round] = (ownCpuNanos() - clientCpu) / 1e6 / Math.max(1, r.ok());
                count(r, Kind.READ);
                if (r.errors() > 0) {
                    throw new IllegalStateException(p.getKey() + ": " + r.firstError());
                }
                perRound.get(p.getKey())[round] = r.perSecond();
            }
        }
        Map<String, Double> medians = medians(perRound);
        Map<String, Double> cpu = medians(cpuPerRound);
        Map<String, Double> clientCpu = medians(clientCpuPerRound);
        String first = protocols.keySet().iterator().next();
        StringBuilder line = new StringBuilder(String.format("%s, c%d, medians of %d interleaved rounds:%n", name, c, ROUNDS));
        medians.forEach((p, m) -> line.append(String.format("    %-8s %,6.0f req/s", p, m))
                .append(p.equals(first) ? String.format("%30s", "") : String.format(" (%.2fx; rounds %s)", m / medians.get(first),
                        roundRatios(perRound.get(p), perRound.get(first))))
                .append(String.format("   CPU per request: server %.3f ms%s, load generator %.3f ms%n", cpu.get(p),
                        p.equals(first) ? "        " : String.format(" (%.2fx)", cpu.get(p) / cpu.get(first)), clientCpu.get(p))));
        System.out.print(line);
        return new Protocols(medians, cpu);
    }

    /** The CPU time this process (the load generator) has used so far, in nanoseconds. */
    private static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static Map<String, Double> medians(Map<String, double[]> perRound) {
        Map<String, Double> medians = new java.util.LinkedHashMap<>();
        perRound.forEach((p, values) -> {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            medians.put(p, sorted[sorted.length / 2]);
        });
        return medians;
    }

    private static String roundRatios(double[] values, double[] base) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : " ").append(String.format("%.2f", values[i] / base[i]));
        }
        return b.toString();
    }

    /** Lock waits sampled during each read scenario's concurrent cell. */
    private final Map<String, BenchPostgres.LockWaits> lockWaits = new java.util.LinkedHashMap<>();

    /** What a scenario's requests are: the floor, value reads (each one a secret.read audit event) or writes. */
    private enum Kind { FLOOR, READ, UNAUDITED, WRITE }

    /**
     * One scenario: a warm-up at concurrency 4, then a cell per concurrency, each measured for {@code seconds} with the
     * SQL statements counted from a reset just before it. {@code note}: what the line adds, or null.
     */
    private Map<Integer, Load.Result> scenario(String name, Load.Call call, Kind kind, Function<Load.Result, String> note,
                                               int... concurrencies) throws Exception {
        return scenario(name, Load.http(call), kind, note, concurrencies);
    }

    private Map<Integer, Load.Result> scenario(String name, Load.Exchanges call, Kind kind, Function<Load.Result, String> note,
                                               int... concurrencies) throws Exception {
        warm(call, kind);
        Map<Integer, Load.Result> results = new HashMap<>();
        for (int c : concurrencies) {
            pg.resetStatements();
            Load.Result r;
            BenchPostgres.LockWaits locks;
            try (BenchPostgres.AutoCloseableWatch watch = kind == Kind.READ && c > 1 ? pg.watchLocks() : null) {
                r = Load.run(call, c, seconds);
                locks = watch == null ? null : watch.result();
            }
            long statements = pg.statements();
            if (locks != null) {
                lockWaits.put(name, locks);
            }
            count(r, kind);
            report.cell(name, r, r.requests() == 0 ? Double.NaN : (double) statements / r.requests(), kind == Kind.FLOOR,
                    note == null ? null : note.apply(r));
            if (sqlDetail && kind != Kind.FLOOR) {
                report.statements(pg.top(15), r.requests());
            }
            results.put(c, r);
        }
        return results;
    }

    private void warm(Load.Call call, Kind kind) throws Exception {
        warm(Load.http(call), kind);
    }

    private void warm(Load.Exchanges call, Kind kind) throws Exception {
        Load.Result r = Load.run(call, 4, warmup);
        count(r, kind);
        if (r.ok() == 0) {
            throw new IllegalStateException("no request succeeded in the warm-up: " + r.firstError());
        }
    }

    private void count(Load.Result r, Kind kind) {
        if (kind == Kind.READ) {
            reads.addAndGet(r.ok());
        }
    }

    /** Every successful pull and retrieve should be one secret.read event (waits a little for one written late). */
    private void auditCheck(URI base, Tenant main, List<Tenant> orgs) throws InterruptedException {
        long events = 0;
        for (int attempt = 0; attempt < 10; attempt++) {
            events = main.auditedReads(base) + orgs.stream().mapToLong(t -> t.auditedReads(base)).sum();
            if (events >= reads.get()) {
                break;
            }
            Thread.sleep(500);
        }
        long diff = events - reads.get();
        System.out.printf("%naudit: %,d secret.read events in %d organizations for %,d successful pulls and sealed retrieves (%s)%n",
                events, orgs.size() + 1, reads.get(), diff == 0 ? "equal" : String.format("%+,d", diff));
    }

    private void targets(Load.Result pull1, Load.Result pull16, Load.Result preview16, Load.Result retrieve16, Load.Result set16, Load.Result twoNodes,
                         Map<Integer, Protocols> protocols) {
        double share = pull16.perSecond() / report.floor(16);
        double bound = preview16.perSecond() / report.floor(16);
        report.target("pull 100, one org, c16: share of the floor", String.format("%.0f %%", 100 * share), ">= 50 %", share >= 0.5,
                String.format("the same pull without its audit record reaches %.0f %%", 100 * bound));
        report.target("pull 100, one org, c16: throughput", String.format("%,.0f req/s", pull16.perSecond()), ">= 3,000 req/s",
                pull16.perSecond() >= 3000, null);
        report.target("pull 100, one org, c16: p99", String.format("%.2f ms", pull16.p99Ms()), "< 20 ms", pull16.p99Ms() < 20, null);
        report.target("pull 100, one org, c1: p50", String.format("%.2f ms", pull1.p50Ms()), "< 1 ms", pull1.p50Ms() < 1, null);
        double sealed = retrieve16.perSecond() / pull16.perSecond();
        report.target("sealed retrieve 100, c16: share of the pull", String.format("%.0f %%", 100 * sealed), ">= 80 %", sealed >= 0.8, null);
        report.target("set one secret, c16: throughput", String.format("%,.0f req/s", set16.perSecond()), ">= 2,000 req/s", set16.perSecond() >= 2000, null);
        for (int c : new int[] {1, 16}) {
            Map<String, Double> medians = protocols.get(c).perSecond();
            Map<String, Double> cpu = protocols.get(c).serverCpuMs();
            for (String p : List.of("Connect", "gRPC")) {
                double ratio = medians.get(p) / medians.get("REST");
                report.target("pull over " + p + ", c" + c + ": x REST", String.format("%.2fx", ratio), ">= 1.00x", ratio >= 1,
                        String.format("medians of %d interleaved rounds; the server's CPU per pull: %.2fx REST's", ROUNDS, cpu.get(p) / cpu.get("REST")));
            }
        }
        double scaling = twoNodes.perSecond() / pull16.perSecond();
        int cores = Runtime.getRuntime().availableProcessors();
        report.target("two nodes, one org, c16: x one node", String.format("%.2fx", scaling), ">= 1.6x", scaling >= 1.6,
                cores < 8 ? cores + " cores shared by both nodes, PostgreSQL and the load generator: too few to show scaling, "
                        + "so this ratio says nothing about it" : cores + " cores");
        report.targets();
    }

    private static double perNode(Load.Result r, int parity) {
        long ok = 0;
        for (int t = parity; t < r.okPerThread().length; t += 2) {
            ok += r.okPerThread()[t];
        }
        return ok / r.seconds();
    }

    /** The background jobs' statements per second (webhook deliveries, key rotations, metrics), after seeding has settled. */
    private double idleStatements() throws Exception {
        Thread.sleep(2000);
        pg.resetStatements();
        Thread.sleep(2000);
        return pg.statements() / 2.0;
    }

    private static String importBody(int thread, long round) {
        StringBuilder b = new StringBuilder(80 * IMPORT).append("{\"secrets\":[");
        for (int i = 0; i < IMPORT; i++) {
            b.append(i == 0 ? "" : ",").append("{\"key\":\"T").append(thread).append("_KEY_").append(i).append("\",\"value\":\"import-")
                    .append(round).append('-').append(i).append("-xxxxxxxxxxxxxxxxxxxxxxxx\"}");
        }
        return b.append("]}").toString();
    }

    private static String secrets(Tenant t, String env) {
        return "/v1/secrets/" + t.org() + "/bench/" + env;
    }

    private static HttpRequest.Builder authorized(URI uri, Tenant t) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + t.token());
    }

    /**
     * A pull of the tenant's dev environment over gRPC, every load thread on one channel (one connection). Like
     * the HTTP cells, which check the status and read the body without parsing it, the answer is read as bytes: the
     * load generator shares the server's cores, and parsing 100 messages per call would be the client's cost, not
     * Hush's. The seeding checked that a pull parses to 100 secrets.
     */
    private static Load.Exchanges grpcPull(int port, Tenant t) {
        dev.hush.rpc.v1.PullSecretsRequest request = dev.hush.rpc.v1.PullSecretsRequest.newBuilder()
                .setEnv(dev.hush.rpc.v1.EnvRef.newBuilder().setOrg(t.org()).setProject("bench").setEnvironment("dev")).build();
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + t.token());
        io.grpc.MethodDescriptor<dev.hush.rpc.v1.PullSecretsRequest, byte[]> pullBytes = dev.hush.rpc.v1.SecretsServiceGrpc.getPullSecretsMethod().toBuilder(
                dev.hush.rpc.v1.SecretsServiceGrpc.getPullSecretsMethod().getRequestMarshaller(), new io.grpc.MethodDescriptor.Marshaller<byte[]>() {
                    @Override
                    public java.io.InputStream stream(byte[] value) { return new java.io.ByteArrayInputStream(value); }

                    @Override
                    public byte[] parse(java.io.InputStream stream) {
                        try {
                            return stream.readAllBytes();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }).build();
        // One channel for every load thread, as grpc-java's clients share theirs: its calls are multiplexed on one
        // HTTP/2 connection. The channel lives as long as the benchmark.
        io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
        return thread -> {
            io.grpc.Channel withToken = io.grpc.ClientInterceptors.intercept(channel, io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
            if (thread == 0 && dev.hush.rpc.v1.SecretsServiceGrpc.newBlockingStub(withToken).pullSecrets(request).getSecretsCount() != 100) {
                throw new IllegalStateException("expected 100 secrets in the gRPC pull");
            }
            return new Load.Exchange() {
                @Override
                public String send(long n) {
                    try {
                        return io.grpc.stub.ClientCalls.blockingUnaryCall(withToken, pullBytes, io.grpc.CallOptions.DEFAULT, request).length > 0 ? null
                                : "gRPC: an empty answer";
                    } catch (io.grpc.StatusRuntimeException e) {
                        return "gRPC " + e.getStatus().getCode();
                    }
                }

            };
        };
    }

    private static HttpRequest pull(URI base, Tenant t) {
        return authorized(base.resolve(secrets(t, "dev")), t).GET().build();
    }

    private static JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The retrieved bundle opens with the client's key (JDK here; the tests use OpenSSL, WebCrypto and Bouncy Castle). */
    private static void checkBundle(JsonNode bundle, KeyPair client) throws Exception {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, client.getPrivate(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        byte[] aes = rsa.doFinal(Base64.getDecoder().decode(bundle.get("encryptedKey").asText()));
        byte[] blob = Base64.getDecoder().decode(bundle.get("encryptedSecrets").asText());
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aes, "AES"), new GCMParameterSpec(128, blob, 0, 12));
        JsonNode secrets = JSON.readTree(gcm.doFinal(blob, 12, blob.length - 12)).get("secrets");
        if (secrets.size() != 100) {
            throw new IllegalStateException("expected a bundle of 100 secrets, got " + secrets.size());
        }
    }

    /** A switch from the script's environment: set, and neither 0 nor false. */
    private static boolean on(String setting) {
        return !setting.isEmpty() && !setting.equals("0") && !setting.equalsIgnoreCase("false");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unknown) {
            return "unknown";
        }
    }
}
