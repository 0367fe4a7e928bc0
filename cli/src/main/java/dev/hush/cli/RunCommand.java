package dev.hush.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hush run --env ENV [--tags a,b] [--project P] -- COMMAND [ARGS...]}: fetches the environment's
 * secrets through sealed retrieval (an RSA key made for this run; never plaintext on the wire), starts the
 * command with them as environment variables over the inherited ones, forwards SIGINT, SIGTERM and SIGHUP
 * to it, and exits with its exit code.
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
        pb.environment().putAll(secrets);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            throw new Failure(127, "cannot run " + command.get(0) + ": " + e.getMessage());
        }
        forwardSignals(child);
        return child.waitFor();
    }

    /** The JVM would die on SIGINT/SIGTERM/SIGHUP; instead the child gets them and decides. */
    @SuppressWarnings("removal")
    private static void forwardSignals(Process child) {
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    try {
                        new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).start();
                    } catch (IOException e) {
                        child.destroy();
                    }
                });
            } catch (IllegalArgumentException unsupported) {
                // a platform without this signal
            }
        }
    }
}
