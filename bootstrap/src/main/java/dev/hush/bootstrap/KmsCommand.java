package dev.hush.bootstrap;

import dev.hush.application.keys.RotateRootKey;
import dev.hush.application.port.RootKeys;
import dev.hush.kms.host.RootKeyProviders;
import dev.hush.kms.host.SpiRootKeys;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hush kms rotate} and {@code hush kms migrate --from TYPE}: operator commands that rewrap the
 * organization keys (each organization is one transaction under a row lock; both are safe to interrupt and
 * re-run). {@code rotate} may run beside a running server ({@code POST /v1/admin/kms/rotate} does the same);
 * {@code migrate} needs every server stopped: a server still on the old provider cannot open migrated keys. The target is the configured provider
 * ({@code HUSH_KMS_PROVIDER} and its {@code HUSH_KMS_<TYPE>_*} settings).
 */
@Command(name = "kms", mixinStandardHelpOptions = true, description = "Root key operations: rotate, migrate.",
        subcommands = {KmsCommand.Rotate.class, KmsCommand.Migrate.class})
public final class KmsCommand extends CommandGroup {

    abstract static class Base implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DataDirOption dataDir;

        Path dir() { return dataDir.dir(); }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Rewrap every organization key under the root key's current version (rotate the key in your KMS first).")
    static final class Rotate extends Base {
        @Override
        public Integer call() {
            return run(dir(), System.getenv(), Map.of(), null);
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Move every organization key from provider --from to the configured provider (HUSH_KMS_PROVIDER).",
                    "Stop every server first: a server still on the old provider cannot open migrated keys."})
    static final class Migrate extends Base {
        @Option(names = "--from", required = true, description = "the provider the keys are wrapped by now, e.g. local")
        String from;

        @Override
        public Integer call() {
            return run(dir(), System.getenv(), Map.of(), from);
        }
    }

    /** Rotates ({@code from} null) or migrates; prints the outcome; 0 on success. */
    public static int run(Path dataDir, Map<String, String> env, Map<String, Object> extra, String from) {
        Database database;
        try {
            database = Database.forCommand(dataDir, env);
        } catch (RuntimeException e) {
            System.err.println("hush kms: " + StartupFailure.describe(e));
            return 1;
        }
        try (database) {
            return runOn(dataDir, ServerSettings.properties(dataDir, null, null, database, env), extra, from);
        }
    }

    private static int runOn(Path dataDir, Map<String, Object> properties, Map<String, Object> extra, String from) {
        Map<String, Object> props = new HashMap<>(properties);
        props.putAll(extra);
        // The stored keys are not (all) wrapped by the target yet: that is the point of this command. Only a
        // migration may create the target's local key file; a rotation must find the existing one.
        props.put("hush.kms.startup-check", false);
        props.put("hush.kms.allow-create", from != null);
        props.put("micronaut.server.enabled", false);
        props.put("grpc.server.enabled", false);
        try (ApplicationContext ctx = ApplicationContext.builder().properties(props).banner(false).start()) {
            RootKeys target = ctx.getBean(RootKeys.class);
            RotateRootKey rotate = ctx.getBean(RotateRootKey.class);
            RotateRootKey.Result r;
            if (from == null) {
                r = rotate.rewrapAll(target, target);
            } else {
                Map<String, String> overrides = "local".equals(from) ? Map.of("create", "false") : Map.of();
                try (SpiRootKeys source = new SpiRootKeys(RootKeyProviders.open(from, name -> ctx.getBean(Environment.class).getProperty(name, String.class), dataDir, overrides))) {
                    r = rotate.rewrapAll(source, target);
                }
            }
            System.out.printf("%d organization keys: %d rewrapped, %d already on %s (version %s)%n", r.organizations(), r.rewrapped(),
                    r.alreadyCurrent(), r.keyId(), r.keyVersion());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("hush kms: " + StartupFailure.describe(e));
            return 1;
        }
    }
}
