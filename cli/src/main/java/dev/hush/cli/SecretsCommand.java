package dev.hush.cli;

import dev.hush.domain.secret.DotEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hush secrets ...}: values are sealed on this machine before they are sent, and read back sealed. */
@Command(name = "secrets", mixinStandardHelpOptions = true, description = "Set, read, list, import and export secrets.",
        subcommands = {SecretsCommand.Set.class, SecretsCommand.Get.class, SecretsCommand.ListKeys.class, SecretsCommand.Delete.class,
                SecretsCommand.History.class, SecretsCommand.Restore.class, SecretsCommand.Promote.class, SecretsCommand.Import.class, SecretsCommand.Export.class})
final class SecretsCommand extends HushCli.Group {

    /** Options every secrets command takes. */
    abstract static class InEnv extends HushCli.InEnv {}

    /** The organization's sealing key for writes to this environment (X25519 when the server has one, else RSA). */
    static Sealing.ToOrg orgKey(HushCli root, String project, String env) {
        return new Sealing.ToOrg(root.authenticatedApi().get("/v1/orgs/" + Api.enc(root.org()) + "/public-key"), root.config().project(project), root.config().environment(env));
    }

    /**
     * Runs a write; when the project is the organization's {@code default} and does not exist yet, creates it
     * first (as the Crate API does on first use).
     */
    static Map<String, Object> writing(HushCli root, String project, java.util.function.Supplier<Map<String, Object>> write) {
        try {
            return write.get();
        } catch (Failure f) {
            if (f.exitCode == Failure.NOT_FOUND && f.getMessage().contains("project_not_found") && "default".equals(root.config().project(project))) {
                root.authenticatedApi().post("/v1/projects/" + Api.enc(root.org()), Map.of("name", "Default", "slug", "default"));
                return write.get();
            }
            throw f;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Set a secret: the value is sealed to the organization's key here.",
                    "Without VALUE it is asked on the terminal without echo (so it stays out of the shell's history); '-' reads standard input.",
                    "Example: hush secrets set STRIPE_KEY --env prod --tags billing"})
    static final class Set extends InEnv {
        @Parameters(index = "0", paramLabel = "KEY", description = "letters, digits and underscores, e.g. DATABASE_URL")
        String key;

        @Parameters(index = "1", paramLabel = "VALUE", arity = "0..1", description = "the value; '-' for standard input; left out: asked without echo")
        String value;

        @Option(names = "--tags", paramLabel = "TAGS", description = "comma-separated tags")
        String tags;

        @Option(names = "--purpose", paramLabel = "TYPE", description = "APIKey, SSHKey, UsernamePassword or Other")
        String purpose;

        @Option(names = "--description", paramLabel = "TEXT", description = "what the secret is for")
        String description;

        @Override
        public Integer call() throws Exception {
            HushCli root = root();
            String v = value;
            if (v == null) {
                v = Prompt.hidden("value of " + key, "give it as VALUE, or '-' to read standard input");
            } else if ("-".equals(v)) {
                v = new String(root.in.readAllBytes(), StandardCharsets.UTF_8);
                if (v.endsWith("\n")) {
                    v = v.substring(0, v.length() - (v.endsWith("\r\n") ? 2 : 1));
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("key", key);
            body.putAll(orgKey(root, project, env).seal(key, v));
            if (tags != null) {
                body.put("tags", HushCli.csv(tags));
            }
            if (purpose != null) {
                body.put("purposeType", purpose);
            }
            if (description != null) {
                body.put("description", description);
            }
            Map<String, Object> r = writing(root, project, () -> root.authenticatedApi().put(path(), body));
            if (root.json) {
                root.printJson(r);
            } else {
                root.err.println((Boolean.TRUE.equals(r.get("created")) ? "Created " : Boolean.TRUE.equals(r.get("changed")) ? "Updated " : "Unchanged ")
                        + key + " in " + env() + " (version " + r.get("version") + ")");
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Print a secret's bare value (retrieved sealed to a one-time key; references resolved).", "Example: hush secrets get DATABASE_URL --env prod"})
    static final class Get extends InEnv {
        @Parameters(paramLabel = "KEY")
        String key;

        @Override
        public Integer call() {
            List<Map<String, Object>> found = HushCli.retrieve(root(), project, env, List.of(key), List.of());
            if (found.isEmpty()) {
                throw new Failure(Failure.NOT_FOUND, "no secret " + key + " in " + env());
            }
            if (root().json) {
                root().printJson(found.get(0));
            } else {
                root().out.println(found.get(0).get("value"));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the environment's secrets (names and metadata, never values).", "Example: hush secrets list --env prod --tags backend --json"})
    static final class ListKeys extends InEnv {
        @Option(names = "--tags", paramLabel = "TAGS", description = "only secrets with all these tags")
        String tags;

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() {
            HushCli root = root();
            String query = tags == null ? "" : "?tags=" + Api.enc(tags);
            List<Map<String, Object>> secrets = (List<Map<String, Object>>) root.authenticatedApi().get(path() + "/keys" + query).get("secrets");
            if (root.json) {
                root.printJson(secrets);
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"KEY", "VERSION", "TAGS", "PURPOSE", "VALUE", "UPDATED"});
            for (Map<String, Object> s : secrets) {
                rows.add(new String[] {(String) s.get("key"), String.valueOf(s.get("version")), String.join(",", (List<String>) s.get("tags")),
                        String.valueOf(s.get("purposeType")), Boolean.TRUE.equals(s.get("hasValue")) ? "set" : "-", String.valueOf(s.get("updatedAt"))});
            }
            table(root, rows);
            return 0;
        }
    }

    static void table(HushCli root, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
            }
            root.out.println(sb.toString().stripTrailing());
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete a secret from the environment (its history is kept).", "Example: hush secrets delete OLD_KEY --env staging"})
    static final class Delete extends InEnv {
        @Parameters(paramLabel = "KEY")
        String key;

        @Override
        public Integer call() {
            root().authenticatedApi().delete(path() + "/" + Api.enc(key));
            root().done("Deleted " + key + " from " + env(), "secret_deleted", "key", key, "env", env());
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = {"A secret's versions: when, and who saved each (by e-mail); no values.", "Example: hush secrets history API_KEY --env prod"})
    static final class History extends InEnv {
        @Parameters(paramLabel = "KEY")
        String key;

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() {
            HushCli root = root();
            List<Map<String, Object>> versions = (List<Map<String, Object>>) root.authenticatedApi().get(path() + "/versions/" + Api.enc(key)).get("versions");
            if (root.json) {
                root.printJson(versions);
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"VERSION", "CREATED", "BY", "DELETED"});
            for (Map<String, Object> v : versions) {
                rows.add(new String[] {String.valueOf(v.get("version")), String.valueOf(v.get("createdAt")),
                        v.get("createdByEmail") != null ? (String) v.get("createdByEmail") : v.get("createdBy") == null ? "-" : "a former member",
                        Boolean.TRUE.equals(v.get("deleted")) ? "yes" : ""});
            }
            table(root, rows);
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Restore an earlier version: its value becomes the newest version (the history keeps every version).",
                    "Example: hush secrets restore STRIPE_KEY 3 --env prod   (versions: hush secrets history STRIPE_KEY)"})
    static final class Restore extends InEnv {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "VERSION", description = "the version to bring back")
        int version;

        @Override
        public Integer call() {
            HushCli root = root();
            Map<String, Object> r = root.authenticatedApi().post(path() + "/versions/" + Api.enc(key) + "/restore", Map.of("version", version));
            if (root.json) {
                root.printJson(r);
            } else {
                root.err.println("Restored " + key + " in " + env() + " from version " + version + ": now version " + r.get("version"));
            }
            return 0;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Copy the latest values from one environment to another (all keys, or those named), as new versions.",
                    "Refused when the target has keys the source lacks (the environments drifted: see hush diff), unless --force.",
                    "Example: hush secrets promote --from staging --to prod"})
    static final class Promote extends HushCli.InProject {
        @Option(names = "--from", required = true, paramLabel = "ENV", description = "the source environment")
        String from;

        @Option(names = "--to", required = true, paramLabel = "ENV", description = "the target environment")
        String to;

        @Option(names = "--force", description = "promote even when the target has keys the source lacks")
        boolean force;

        @Parameters(paramLabel = "KEY", arity = "0..*", description = "only these keys (default: all)")
        List<String> keys;

        @Override
        public Integer call() {
            HushCli root = root();
            Map<String, Object> body = new LinkedHashMap<>(Map.of("from", from, "to", to));
            if (keys != null && !keys.isEmpty()) {
                body.put("keys", keys);
            }
            body.put("strict", !force && (keys == null || keys.isEmpty()));
            String[] s = root.scope(project, to);
            Map<String, Object> r = root.authenticatedApi().post("/v1/secrets/" + Api.enc(s[0]) + "/" + Api.enc(s[1]) + "/promote", body);
            if (root.json) {
                root.printJson(r);
            } else {
                root.err.println("Promoted " + r.get("promoted") + " from " + from + " to " + to + " (" + r.get("created") + " created, "
                        + r.get("updated") + " updated, " + r.get("unchanged") + " unchanged)");
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a .env file (quotes, export prefixes, comments, multi-line values); values are sealed here; up to 1000 per file at once.",
                    "Example: hush secrets import .env.production --env prod --tags imported"})
    static final class Import extends InEnv {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--tags", paramLabel = "TAGS", description = "tags for every imported secret")
        String tags;

        @Override
        public Integer call() {
            HushCli root = root();
            Map<String, String> values;
            try {
                values = DotEnv.parse(HushCli.readFile(root.cwd.resolve(file)));
            } catch (DotEnv.ParseError e) {
                throw Failure.usage(file + ", " + e.getMessage());
            }
            if (values.isEmpty()) {
                throw Failure.usage(file + " has no KEY=value lines");
            }
            if (values.size() > 1000) {
                throw Failure.usage(file + " has " + values.size() + " entries; at most 1000 are imported at once (all or nothing): split the file");
            }
            Sealing.ToOrg key = orgKey(root, project, env);
            Progress progress = new Progress(root, values.size());
            List<Map<String, Object>> entries = new ArrayList<>();
            for (var e : values.entrySet()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("key", e.getKey());
                entry.putAll(key.seal(e.getKey(), e.getValue()));
                if (tags != null) {
                    entry.put("tags", HushCli.csv(tags));
                }
                entries.add(entry);
                progress.step();
            }
            Map<String, Object> r = writing(root, project, () -> root.authenticatedApi().post(path() + "/bulk", Map.of("secrets", entries)));
            progress.done();
            if (root.json) {
                root.printJson(r);
            } else {
                root.err.println("Imported " + values.size() + " secrets into " + env() + ": " + r.get("created") + " created, " + r.get("updated")
                        + " updated, " + r.get("unchanged") + " unchanged");
            }
            return 0;
        }
    }

    /** A progress bar on stderr, only when it is a terminal. */
    static final class Progress {
        private final HushCli root;
        private final int total;
        private final boolean visible;
        private int done;

        Progress(HushCli root, int total) {
            this.root = root;
            this.total = total;
            this.visible = System.console() != null && root.err == System.err && !root.json;
        }

        void step() {
            done++;
            if (visible && (done % 10 == 0 || done == total)) {
                int filled = done * 30 / total;
                root.err.print("\rsealing [" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + done + "/" + total);
            }
        }

        void done() {
            if (visible) {
                root.err.print("\r" + " ".repeat(60) + "\r");
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Print the environment's secrets as dotenv, json or yaml (retrieved sealed).", "Example: hush secrets export --env dev --format json > dev.json"})
    static final class Export extends InEnv {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "dotenv", description = "dotenv (default), json or yaml")
        String format;

        @Option(names = "--tags", paramLabel = "TAGS", description = "only secrets with all these tags")
        String tags;

        @Override
        public Integer call() {
            HushCli root = root();
            if (!List.of("dotenv", "json", "yaml").contains(format)) {
                throw Failure.usage("unknown format '" + format + "': dotenv, json or yaml");
            }
            Map<String, String> values = HushCli.asMap(HushCli.retrieve(root, project, env, List.of(), HushCli.csv(tags)));
            switch (format) {
                case "json" -> root.printJson(values);
                case "yaml" -> {
                    StringBuilder sb = new StringBuilder();
                    for (var e : values.entrySet()) {
                        // A JSON string is a valid YAML double-quoted scalar.
                        sb.append(e.getKey()).append(": ").append(jsonString(e.getValue())).append('\n');
                    }
                    root.out.print(sb);
                }
                default -> root.out.print(DotEnv.format(values));
            }
            return 0;
        }

        static String jsonString(String v) {
            try {
                return com.fasterxml.jackson.jr.ob.JSON.std.asString(v);
            } catch (java.io.IOException e) {
                throw new Failure(Failure.REFUSED, "cannot encode a value");
            }
        }
    }
}
