package dev.hush.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hush run --env ENV [--tags a,b] [--project P] -- COMMAND [ARGS...]}: fetches the environment's
 * secrets through sealed retrieval (an X25519 key made for this run; never plaintext on the wire), starts the
 * command with them as environment variables over the inherited ones (without {@code HUSH_TOKEN}), passes
 * SIGTERM and SIGHUP on to it (Ctrl-C reaches it through the terminal), and exits with its exit code.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a command with the environment's secrets as environment variables.")
final class RunCommand extends HushCli.Sub {
    @Option(names = {"--env", "-e"}, defaultValue = "dev", description = "environment (default: dev)")
    String env;

    @Option(names = {"--project", "-p"}, description = "project slug")
    String project;

    @Option(names = "--tags", description = "only secrets with all these tags")
    String tags;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the command and its arguments (after --)")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        HushCli root = root();
        Map<String, String> secrets = HushCli.asMap(HushCli.retrieve(root, project, env, List.of(), HushCli.csv(tags)));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().clear();
        pb.environment().putAll(root.env);
        // The child gets the secrets, not the credential that fetched them.
        pb.environment().remove("HUSH_TOKEN");
        pb.environment().putAll(secrets);
        // Handlers first: a signal that arrives while the child starts is passed on as soon as it exists.
        AtomicReference<Process> running = new AtomicReference<>();
        AtomicReference<String> early = new AtomicReference<>();
        forwardSignals(running, early);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            throw new Failure(127, "cannot run " + command.get(0) + ": " + e.getMessage());
        }
        running.set(child);
        String pending = early.getAndSet(null);
        if (pending != null) {
            send(pending, child);
        }
        return child.waitFor();
    }

    private static void send(String signal, Process child) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
        } catch (IOException e) {
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
