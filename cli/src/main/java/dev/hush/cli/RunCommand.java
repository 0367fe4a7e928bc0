package dev.hush.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hush run}: fetches the environment's secrets through sealed retrieval (an X25519 key made for this run; never
 * plaintext on the wire), starts the command with them as environment variables over the inherited ones (without
 * {@code HUSH_TOKEN}), passes SIGTERM and SIGHUP on to it (Ctrl-C reaches it through the terminal), and exits with its
 * exit code. Each fetch is kept as an encrypted {@link Snapshots snapshot}: the next run sends its entity tag, so an
 * unchanged environment comes back as a 304 without values, and {@code --fallback} runs from it when the server cannot
 * be reached.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a command with the environment's secrets as environment variables.",
                "  hush run -- ./app --port 8080                 the project file's environment (else dev)",
                "  hush run --env prod --tags backend -- ./app",
                "  hush run --command 'echo $DATABASE_URL | wc -c'",
                "  hush run --fallback -- ./app                 keeps working when the server is down (the last snapshot)",
                "  hush run --mount secrets.env -- ./app         values in a 0600 file named by HUSH_SECRETS_FILE, removed after",
                "  hush run --watch -- ./app                    restarts the app when a value changes"})
final class RunCommand extends HushCli.InEnv {
    @Option(names = "--tags", paramLabel = "TAGS", description = "only secrets with all these tags (comma-separated)")
    String tags;

    @Option(names = "--command", paramLabel = "SHELL_COMMAND", description = "run this with sh -c instead of COMMAND (variables expand in it)")
    String shellCommand;

    @Option(names = "--preserve-env", arity = "0..1", fallbackValue = "*", paramLabel = "KEYS",
            description = "variables already set here win over the secrets: all of them, or only these (comma-separated)")
    String preserveEnv;

    @Option(names = "--name-transform", paramLabel = "STYLE",
            description = "rename the variables: ${COMPLETION-CANDIDATES} (DB_URL: dbUrl, DbUrl, db_url, db-url, TF_VAR_db_url)")
    NameTransform nameTransform;

    @Option(names = "--mount", paramLabel = "FILE",
            description = "write the values to FILE (0600) instead of the environment; HUSH_SECRETS_FILE names it; removed when the command ends")
    Path mount;

    @Option(names = "--mount-format", paramLabel = "FORMAT", defaultValue = "dotenv", description = "dotenv (default) or json")
    String mountFormat;

    @Option(names = "--mount-pipe", description = "with --mount: a named pipe that hands out the values on each read, never a file on disk")
    boolean mountPipe;

    @Option(names = "--watch", description = "restart the command when a value changes (the environment's change feed; polling when it cannot be reached)")
    boolean watch;

    @Option(names = "--watch-interval", paramLabel = "SECONDS", defaultValue = "10", description = "with --watch: how often to poll without the feed (default: ${DEFAULT-VALUE})")
    int watchInterval;

    @Option(names = "--fallback", description = "when the server cannot be reached (or fails), run with the last snapshot and say so")
    boolean fallback;

    @Option(names = "--fallback-only", description = "never ask the server: run with the last snapshot")
    boolean fallbackOnly;

    @Option(names = "--fallback-max-age", paramLabel = "AGE", description = "a snapshot older than this is not used: e.g. 30m, 12h, 7d (default: any age)")
    String fallbackMaxAge;

    @Option(names = "--no-snapshot", description = "fetch every value (no If-None-Match) and keep no snapshot of them")
    boolean noSnapshot;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command and its arguments (after --)")
    List<String> command;

    /** How exported names are rewritten. */
    enum NameTransform {
        camel, upper_camel, lower_snake, lower_kebab, tf_var;

        @Override
        public String toString() { return name().replace('_', '-'); }

        String apply(String key) {
            String[] words = key.toLowerCase(Locale.ROOT).split("_+");
            StringBuilder sb = new StringBuilder();
            switch (this) {
                case camel, upper_camel -> {
                    for (int i = 0; i < words.length; i++) {
                        String w = words[i];
                        if (w.isEmpty()) {
                            continue;
                        }
                        sb.append(i == 0 && this == camel ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
                    }
                }
                case lower_snake -> sb.append(key.toLowerCase(Locale.ROOT));
                case lower_kebab -> sb.append(key.toLowerCase(Locale.ROOT).replace('_', '-'));
                case tf_var -> sb.append("TF_VAR_").append(key.toLowerCase(Locale.ROOT));
            }
            return sb.toString();
        }
    }

    @Override
    public Integer call() throws Exception {
        HushCli root = root();
        List<String> argv = commandLine();
        if (fallback && fallbackOnly) {
            throw Failure.usage("--fallback and --fallback-only exclude each other");
        }
        if ((mountPipe || !"dotenv".equals(mountFormat)) && mount == null) {
            throw Failure.usage("--mount-pipe and --mount-format go with --mount FILE");
        }
        if (!List.of("dotenv", "json").contains(mountFormat)) {
            throw Failure.usage("--mount-format: dotenv or json, not '" + mountFormat + "'");
        }
        if (watch && fallbackOnly) {
            throw Failure.usage("--watch needs the server; --fallback-only never asks it");
        }
        Duration maxAge = fallbackMaxAge == null ? null : duration(fallbackMaxAge);
        Source source = new Source(root, fallbackOnly);
        Map<String, String> values = source.fetch(maxAge);
        AtomicReference<Process> running = new AtomicReference<>();
        AtomicReference<String> early = new AtomicReference<>();
        forwardSignals(running, early);
        Mounted mounted = null;
        try {
            if (mount != null) {
                mounted = new Mounted(root.cwd.resolve(mount), mountPipe);
            }
            Process child = start(root, argv, values, mounted, running, early);
            if (!watch) {
                return child.waitFor();
            }
            return watchLoop(root, source, argv, values, mounted, child, running, early);
        } finally {
            if (mounted != null) {
                mounted.close();
            }
        }
    }

    private List<String> commandLine() {
        boolean positional = command != null && !command.isEmpty();
        if (positional == (shellCommand != null)) {
            throw Failure.usage(positional ? "give the command after --, or --command, not both" : "no command: hush run -- COMMAND [ARGS...] (or --command '...')");
        }
        return positional ? command : List.of("/bin/sh", "-c", shellCommand);
    }

    /** Where the values come from: the server (conditional on the snapshot's tag), else the snapshot. */
    private final class Source {
        final HushCli root;
        final Snapshots store;
        final Snapshots.Identity id;
        final String path;
        Snapshots.Snapshot known;

        Source(HushCli root, boolean offline) {
            this.root = root;
            Config config = root.config();
            String org = config.org(root.orgFlag);
            if (org == null) {
                if (offline) {
                    throw Failure.usage("--fallback-only needs the organization without asking the server: hush org use, HUSH_ORG or .hush.json");
                }
                org = root.org();
            }
            String p = config.project(project);
            String e = config.environment(env);
            root.scope = new String[] {org, p, e};
            this.path = "/v1/secrets/" + Api.enc(org) + "/" + Api.enc(p) + "/" + Api.enc(e);
            this.store = new Snapshots(config, root.env);
            this.id = new Snapshots.Identity(config.apiUrl(root.apiUrl), org, p, e, HushCli.csv(tags));
        }

        Map<String, String> fetch(Duration maxAge) {
            StringBuilder why = new StringBuilder();
            known = store.load(id, why);
            if (fallbackOnly) {
                if (known == null) {
                    throw new Failure(Failure.NOT_FOUND, "no_snapshot", "no snapshot of " + id.env() + " (project " + id.project() + ")"
                            + (why.isEmpty() ? "" : ": " + why) + "; run once with the server reachable", null);
                }
                requireFresh(maxAge);
                return known.values();
            }
            try {
                return fetchFromServer();
            } catch (Failure f) {
                if (!fallback || (f.exitCode != Failure.NETWORK && f.exitCode != Failure.SERVER)) {
                    throw f;
                }
                if (known == null) {
                    throw new Failure(f.exitCode, f.code, f.getMessage() + "; and there is no snapshot to fall back on" + (why.isEmpty() ? "" : " (" + why + ")"), f);
                }
                requireFresh(maxAge);
                root.err.println("hush: " + f.getMessage() + "; running with the snapshot of " + id.env() + " from " + ago(known.age(Instant.now())));
                return known.values();
            }
        }

        /** The values from the server; with a snapshot, only when they changed since. */
        Map<String, String> fetchFromServer() {
            HushCli.Retrieved r = HushCli.retrieve(root, path, List.of(), id.tags(), known == null || noSnapshot ? null : known.etag());
            Map<String, String> values = r.notModified() ? known.values() : HushCli.asMap(r.secrets());
            if (!noSnapshot) {
                store.save(id, values, r.etag(), Instant.now());
            }
            known = new Snapshots.Snapshot(values, r.etag(), Instant.now());
            return values;
        }

        private void requireFresh(Duration maxAge) {
            Duration age = known.age(Instant.now());
            if (maxAge != null && age.compareTo(maxAge) > 0) {
                throw new Failure(Failure.NOT_FOUND, "snapshot_too_old", "the snapshot of " + id.env() + " is " + ago(age).replace(" ago", "")
                        + " old, more than --fallback-max-age " + fallbackMaxAge, null);
            }
        }
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 90) {
            return s + " s ago";
        }
        if (s < 90 * 60) {
            return (s / 60) + " min ago";
        }
        if (s < 48 * 3600) {
            return (s / 3600) + " h ago";
        }
        return (s / 86400) + " days ago";
    }

    static Duration duration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(s|m|h|d)").matcher(text.strip());
        if (!m.matches()) {
            throw Failure.usage("--fallback-max-age: a number and s, m, h or d (e.g. 30m, 12h, 7d), not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The variables the command gets: the inherited ones without HUSH_TOKEN, then the (renamed) secrets, unless preserved. */
    Map<String, String> environment(HushCli root, Map<String, String> values, Mounted mounted) {
        Map<String, String> out = new HashMap<>(root.env);
        // The child gets the secrets, not the credential that fetched them.
        out.remove("HUSH_TOKEN");
        Map<String, String> named = renamed(values);
        if (mounted != null) {
            mounted.write(mountFormat.equals("json") ? json(named) : dev.hush.domain.secret.DotEnv.format(named));
            out.put("HUSH_SECRETS_FILE", mounted.path.toString());
            return out;
        }
        Set<String> preserved = preserveEnv == null ? Set.of() : Set.copyOf(HushCli.csv(preserveEnv));
        for (var e : named.entrySet()) {
            boolean keepLocal = root.env.containsKey(e.getKey()) && (preserved.contains("*") || preserved.contains(e.getKey()));
            if (!keepLocal) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private Map<String, String> renamed(Map<String, String> values) {
        if (nameTransform == null) {
            return values;
        }
        Map<String, String> out = new TreeMap<>();
        Map<String, String> from = new HashMap<>();
        for (var e : values.entrySet()) {
            String name = nameTransform.apply(e.getKey());
            String clash = from.put(name, e.getKey());
            if (clash != null) {
                throw Failure.usage("--name-transform " + nameTransform + " makes " + clash + " and " + e.getKey() + " both " + name);
            }
            out.put(name, e.getValue());
        }
        return out;
    }

    private static String json(Map<String, String> values) {
        try {
            return com.fasterxml.jackson.jr.ob.JSON.std.with(com.fasterxml.jackson.jr.ob.JSON.Feature.PRETTY_PRINT_OUTPUT).asString(new TreeMap<>(values));
        } catch (IOException e) {
            throw new Failure(Failure.REFUSED, "cannot encode the values");
        }
    }

    private Process start(HushCli root, List<String> argv, Map<String, String> values, Mounted mounted, AtomicReference<Process> running,
                          AtomicReference<String> early) {
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO().directory(root.cwd.toFile());
        Map<String, String> childEnv = environment(root, values, mounted);
        pb.environment().clear();
        pb.environment().putAll(childEnv);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            throw new Failure(127, "cannot_run", "cannot run " + argv.get(0) + ": " + Failure.describe(e), null);
        }
        running.set(child);
        String pending = early.getAndSet(null);
        if (pending != null) {
            send(pending, child);
        }
        return child;
    }

    /** Runs the command until it exits on its own; restarts it with the new values whenever the environment changes. */
    private int watchLoop(HushCli root, Source source, List<String> argv, Map<String, String> values, Mounted mounted, Process first,
                          AtomicReference<Process> running, AtomicReference<String> early) throws InterruptedException {
        BlockingQueue<String> signals = new LinkedBlockingQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = new Thread(() -> watchChanges(root, source, signals, stop), "hush-watch");
        watcher.setDaemon(true);
        watcher.start();
        Process child = first;
        Map<String, String> current = values;
        try {
            while (true) {
                Process watched = child;
                watched.onExit().thenRun(() -> signals.add("exit"));
                String signal = signals.take();
                if (signal.equals("exit") && !watched.isAlive() && running.get() == watched) {
                    return watched.exitValue();
                }
                if (!signal.equals("change")) {
                    continue;
                }
                Map<String, String> fresh;
                try {
                    fresh = source.fetchFromServer();
                } catch (Failure f) {
                    root.err.println("hush: the environment changed but could not be read (" + f.getMessage() + "); the command keeps running");
                    continue;
                }
                if (fresh.equals(current)) {
                    continue;
                }
                root.err.println("hush: " + source.id.env() + " changed (" + String.join(", ", changedKeys(current, fresh)) + "); restarting the command");
                current = fresh;
                stopChild(watched);
                child = start(root, argv, current, mounted, running, early);
            }
        } finally {
            stop.set(true);
            watcher.interrupt();
        }
    }

    private static List<String> changedKeys(Map<String, String> before, Map<String, String> after) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.removeIf(k -> java.util.Objects.equals(before.get(k), after.get(k)));
        return new ArrayList<>(keys);
    }

    /** SIGTERM, ten seconds, then SIGKILL. */
    private static void stopChild(Process child) throws InterruptedException {
        send("TERM", child);
        if (!child.waitFor(10, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    /**
     * Listens to the environment's change feed (Server-Sent Events) and posts "change" for each change; when the feed
     * cannot be reached, asks the server every {@code --watch-interval} seconds whether the values' entity tag moved.
     */
    private void watchChanges(HushCli root, Source source, BlockingQueue<String> signals, AtomicBoolean stop) {
        String lastEventId = null;
        while (!stop.get()) {
            try {
                lastEventId = listen(root, source, signals, lastEventId);
            } catch (IOException | Failure feedDown) {
                // Polling until the feed answers again.
                try {
                    Thread.sleep(Math.max(1, watchInterval) * 1000L);
                    if (!stop.get()) {
                        signals.add("change");
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Reads the feed until it ends; the last event id seen. */
    private String listen(HushCli root, Source source, BlockingQueue<String> signals, String lastEventId) throws IOException {
        Config config = root.config();
        HttpURLConnection c = (HttpURLConnection) URI.create(config.apiUrl(root.apiUrl) + source.path + "/events").toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(120_000);
        c.setRequestProperty("Accept", "text/event-stream");
        c.setRequestProperty("Authorization", "Bearer " + config.token());
        if (lastEventId != null) {
            c.setRequestProperty("Last-Event-ID", lastEventId);
        }
        if (c.getResponseCode() != 200) {
            throw new IOException("the change feed answered " + c.getResponseCode());
        }
        String id = lastEventId;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.isEmpty()) {
                    if (event != null && !event.equals("heartbeat")) {
                        signals.add(event.equals("error") ? "error" : "change");
                        if (event.equals("error")) {
                            throw new IOException("the change feed ended with an error");
                        }
                    }
                    event = null;
                }
            }
        }
        return id;
    }

    /** The values as a file or a named pipe for the command, removed when hush ends. */
    static final class Mounted implements AutoCloseable {
        final Path path;
        private final boolean pipe;
        private volatile byte[] content = new byte[0];
        private Thread server;

        Mounted(Path requested, boolean pipe) {
            this.path = requested.toAbsolutePath();
            this.pipe = pipe;
            if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw Failure.usage("--mount " + path + " exists already: hush writes a new file there and removes it after");
            }
            try {
                if (pipe) {
                    Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
                    if (mkfifo.waitFor() != 0) {
                        throw new Failure(Failure.REFUSED, "cannot make the named pipe " + path + ": "
                                + new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
                    }
                } else {
                    Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
            } catch (IOException e) {
                throw new Failure(Failure.REFUSED, "cannot create " + path + ": " + Failure.describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure(Failure.REFUSED, "interrupted");
            }
        }

        void write(String text) {
            content = text.getBytes(StandardCharsets.UTF_8);
            if (!pipe) {
                try {
                    Files.write(path, content);
                } catch (IOException e) {
                    throw new Failure(Failure.REFUSED, "cannot write " + path + ": " + Failure.describe(e));
                }
                return;
            }
            if (server == null) {
                // Each open of the pipe by a reader gets the values once; the writer waits for the next reader.
                server = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try (OutputStream out = Files.newOutputStream(path)) {
                            out.write(content);
                        } catch (IOException e) {
                            if (!Files.exists(path)) {
                                return;
                            }
                        }
                    }
                }, "hush-mount");
                server.setDaemon(true);
                server.start();
            }
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // nothing more to do: the file may already be gone
            }
            if (server != null) {
                server.interrupt();
            }
        }
    }

    private static void send(String signal, Process child) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            child.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
        }
    }

    /**
     * The JVM would die on SIGINT/SIGTERM/SIGHUP; instead the child decides. SIGINT is only ignored here:
     * Ctrl-C already reaches the child through the terminal's process group, and a second copy would make
     * many programs (npm, docker compose) force-quit. SIGTERM and SIGHUP, sent to hush alone by a
     * supervisor, are passed on.
     */
    @SuppressWarnings("removal")
    private static void forwardSignals(AtomicReference<Process> running, AtomicReference<String> early) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> { });
        } catch (IllegalArgumentException unsupported) {
            // no SIGINT here
        }
        for (String name : new String[] {"TERM", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    Process child = running.get();
                    if (child == null) {
                        early.set(name);
                        // The child may have started meanwhile; whoever takes the signal back sends it.
                        child = running.get();
                        if (child == null || !early.compareAndSet(name, null)) {
                            return;
                        }
                    }
                    send(name, child);
                });
            } catch (IllegalArgumentException unsupported) {
                // a platform without this signal
            }
        }
    }
}
