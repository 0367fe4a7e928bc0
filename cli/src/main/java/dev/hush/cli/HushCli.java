package dev.hush.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code hush}: the client commands. Exit codes: 0 success; 1 refused (validation, conflict); 2 usage;
 * 3 authentication or permission; 4 not found; 5 network; 6 server error; {@code hush run} exits with
 * the command's own code.
 */
@Command(name = "hush", mixinStandardHelpOptions = true, versionProvider = HushCli.Version.class, sortOptions = false,
        description = {"Hush: secrets for teams. Client commands talk to a Hush server over its HTTP API.",
                "Server: hush server [--port N] [--data-dir DIR]; root keys: hush kms rotate|migrate; database: hush db backup|restore FILE."},
        footer = {"", "Exit codes: 0 ok, 1 refused, 2 usage, 3 auth, 4 not found, 5 network, 6 server; hush run: the command's code.",
                "Environment: HUSH_TOKEN, HUSH_API_URL, HUSH_ORG, HUSH_PROJECT, HUSH_CONFIG_DIR."},
        subcommands = {HushCli.Login.class, HushCli.Logout.class, HushCli.WhoAmI.class, HushCli.OrgCommand.class, HushCli.SessionCommand.class,
                HushCli.ProjectCommand.class, SecretsCommand.class, MembersCommand.class, RunCommand.class, HushCli.Completion.class})
public final class HushCli implements Callable<Integer> {
    @Option(names = "--api-url", scope = ScopeType.INHERIT, description = "the Hush server, e.g. https://hush.example.com (or HUSH_API_URL)")
    String apiUrl;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "machine-readable output")
    boolean json;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "show stack traces on errors")
    boolean debug;

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    final InputStream in;
    private Config config;

    HushCli(Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err, System.in);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line; the exit code. Never throws. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
        HushCli root = new HushCli(env, out, err, in);
        CommandLine cl = new CommandLine(root);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof Failure f) {
                err.println("hush: " + f.getMessage());
                if (root.debug) {
                    f.printStackTrace(err);
                }
                return f.exitCode;
            }
            err.println("hush: unexpected error: " + e.getClass().getSimpleName() + (root.debug ? "" : " (run with --debug for details)"));
            if (root.debug) {
                e.printStackTrace(err);
            }
            return Failure.REFUSED;
        });
        cl.setParameterExceptionHandler((ex, argv) -> {
            err.println("hush: " + ex.getMessage());
            err.println("Try 'hush " + String.join(" ", ex.getCommandLine().getCommandSpec().qualifiedName().replaceFirst("^hush ?", "")) + " --help'.");
            return Failure.USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return 0;
    }

    Config config() {
        if (config == null) {
            config = Config.load(env);
        }
        return config;
    }

    Api api() { return new Api(config().apiUrl(apiUrl), config().token()); }

    Api authenticatedApi() {
        if (config().token() == null) {
            throw new Failure(Failure.AUTH, "not logged in: run 'hush login' (or set HUSH_TOKEN)");
        }
        return api();
    }

    /** The organization slug to use: configured, or the only one the account has. */
    String org() {
        String org = config().org();
        if (org != null) {
            return org;
        }
        List<Map<String, Object>> orgs = orgs(authenticatedApi());
        if (orgs.size() == 1) {
            return (String) orgs.get(0).get("slug");
        }
        throw Failure.usage("choose an organization first: hush org use <slug> (you belong to " + orgs.size() + ")");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> orgs(Api api) {
        return (List<Map<String, Object>>) api.get("/v1/auth/me").getOrDefault("orgs", List.of());
    }

    void printJson(Object value) {
        try {
            out.println(JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(value));
        } catch (IOException e) {
            throw new Failure(Failure.REFUSED, "cannot write JSON");
        }
    }

    /** A command reaching the root's options and context. */
    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        HushCli root() { return (HushCli) spec.root().userObject(); }
    }

    /** A command that only groups subcommands: on its own it prints its usage. */
    abstract static class Group extends Sub {
        @Override
        public Integer call() {
            spec.commandLine().usage(root().out);
            return 0;
        }
    }

    @Command(name = "login", mixinStandardHelpOptions = true,
            description = {"Log in: with --token, at once; without, through the dashboard (a URL and a code to approve).",
                    "A token given as '-' is read from standard input (a literal one shows in ps: prefer '-' or HUSH_TOKEN)."})
    static final class Login extends Sub {
        @Option(names = "--token", description = "an API token (hush_tok_...), or '-' to read it from standard input")
        String token;

        @Override
        public Integer call() throws Exception {
            HushCli root = root();
            Config config = root.config();
            String url = config.apiUrl(root.apiUrl);
            String t = token;
            if ("-".equals(t)) {
                t = new String(root.in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } else if (t != null) {
                root.err.println("hush: note: a token on the command line is visible to other users (ps); prefer --token - or HUSH_TOKEN");
            } else {
                t = deviceFlow(root, new Api(url, null));
            }
            if (t.isBlank()) {
                throw Failure.usage("the token is empty");
            }
            Map<String, Object> me = new Api(url, t).get("/v1/auth/me");
            config.set("apiUrl", url);
            config.set("token", t);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> orgs = (List<Map<String, Object>>) me.getOrDefault("orgs", List.of());
            if (config.org() == null && orgs.size() == 1) {
                config.set("org", (String) orgs.get(0).get("slug"));
            }
            config.save();
            @SuppressWarnings("unchecked")
            Map<String, Object> user = (Map<String, Object>) me.get("user");
            root.err.println("Logged in to " + url + " as " + user.get("email") + (config.org() == null ? "" : " (organization " + config.org() + ")"));
            return 0;
        }

        private static String deviceFlow(HushCli root, Api api) throws InterruptedException {
            Map<String, Object> start = api.post("/v1/auth/cli-auth", Map.of());
            root.err.println("Open " + start.get("verificationUrl") + " and approve the code " + start.get("userCode"));
            long interval = Math.max(1, ((Number) start.getOrDefault("interval", 2)).longValue());
            long deadline = System.currentTimeMillis() + 10 * 60_000;
            while (System.currentTimeMillis() < deadline) {
                Thread.sleep(interval * 1000);
                try {
                    return (String) api.post("/v1/auth/cli-auth/token", Map.of("deviceCode", start.get("deviceCode"))).get("token");
                } catch (Failure f) {
                    if (!f.getMessage().contains("authorization_pending")) {
                        throw f;
                    }
                }
            }
            throw new Failure(Failure.AUTH, "the code was not approved in time");
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true, description = "Revoke the stored token on the server and forget it here.")
    static final class Logout extends Sub {
        @Override
        public Integer call() {
            Config config = root().config();
            if (config.storedToken() == null) {
                root().err.println("Not logged in (a HUSH_TOKEN in the environment is left alone).");
                return 0;
            }
            try {
                // The saved token, never HUSH_TOKEN: logging out must not revoke a CI token from the environment.
                Api api = new Api(config.apiUrl(root().apiUrl), config.storedToken());
                Object tokenId = api.get("/v1/auth/me").get("tokenId");
                if (tokenId != null) {
                    api.delete("/v1/auth/tokens/" + tokenId);
                }
            } catch (Failure f) {
                root().err.println("hush: could not revoke the token on the server (" + f.getMessage() + "); forgetting it here");
            }
            config.set("token", null);
            config.save();
            root().err.println("Logged out.");
            return 0;
        }
    }

    @Command(name = "whoami", mixinStandardHelpOptions = true, description = "Who the token belongs to, and the organization and project in use.")
    static final class WhoAmI extends Sub {
        @Override
        public Integer call() {
            HushCli root = root();
            Map<String, Object> me = root.authenticatedApi().get("/v1/auth/me");
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("apiUrl", root.config().apiUrl(root.apiUrl));
            view.put("user", me.get("user"));
            view.put("orgs", me.get("orgs"));
            view.put("org", root.config().org());
            view.put("project", root.config().project(null));
            if (root.json) {
                root.printJson(view);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> user = (Map<String, Object>) me.get("user");
                root.out.println(user.get("email") + " on " + view.get("apiUrl"));
                root.out.println("organization: " + (view.get("org") == null ? "(none chosen)" : view.get("org")) + ", project: " + view.get("project"));
            }
            return 0;
        }
    }

    static int useOrg(HushCli root, String ref) {
        for (Map<String, Object> o : orgs(root.authenticatedApi())) {
            if (ref.equals(o.get("slug")) || ref.equals(o.get("id"))) {
                root.config().set("org", (String) o.get("slug"));
                root.config().save();
                root.err.println("Using organization " + o.get("slug") + " (" + o.get("role") + ")");
                return 0;
            }
        }
        throw new Failure(Failure.NOT_FOUND, "no organization '" + ref + "' among yours (hush whoami lists them)");
    }

    @Command(name = "org", mixinStandardHelpOptions = true, description = "Choose the organization.", subcommands = OrgCommand.Use.class)
    static final class OrgCommand extends Group {
        @Command(name = "use", mixinStandardHelpOptions = true, description = "Use this organization (slug or id) from now on.")
        static final class Use extends Sub {
            @Parameters(paramLabel = "ORG")
            String org;

            @Override
            public Integer call() { return useOrg(root(), org); }
        }
    }

    @Command(name = "session", mixinStandardHelpOptions = true, description = "Crate-style alias: hush session org set ORG.",
            subcommands = SessionCommand.Org.class)
    static final class SessionCommand extends Group {
        @Command(name = "org", mixinStandardHelpOptions = true, subcommands = Org.Set.class, description = "The organization of this session.")
        static final class Org extends Group {
            @Command(name = "set", mixinStandardHelpOptions = true, description = "Same as hush org use.")
            static final class Set extends Sub {
                @Parameters(paramLabel = "ORG")
                String org;

                @Override
                public Integer call() { return useOrg(root(), org); }
            }
        }
    }

    @Command(name = "project", mixinStandardHelpOptions = true, description = "Choose the project (default: the organization's 'default').",
            subcommands = ProjectCommand.Use.class)
    static final class ProjectCommand extends Group {
        @Command(name = "use", mixinStandardHelpOptions = true, description = "Use this project (slug) from now on.")
        static final class Use extends Sub {
            @Parameters(paramLabel = "PROJECT")
            String project;

            @Override
            public Integer call() {
                HushCli root = root();
                String org = root.org();
                root.authenticatedApi().get("/v1/projects/" + Api.enc(org) + "/" + Api.enc(project));
                root.config().set("org", org);
                root.config().set("project", project);
                root.config().save();
                root.err.println("Using project " + project + " of " + org);
                return 0;
            }
        }
    }

    /** {@code hush --version}: the version Maven built this jar as (a resource filtered at build time). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties build = new Properties();
            try (InputStream resource = HushCli.class.getResourceAsStream("version.properties")) {
                if (resource == null) {
                    throw new IOException("version.properties is missing from the hush CLI jar");
                }
                build.load(resource);
            }
            return new String[] {"hush " + build.getProperty("version")};
        }
    }

    /** The shells {@code hush completion} accepts: picocli's one script serves both (zsh through bashcompinit). */
    enum Shell { bash, zsh }

    /**
     * {@code hush completion [bash|zsh]}: picocli's completion command under the name hush users know. The SHELL
     * argument is kept for compatibility (and may be left out); the script is the same for both shells.
     */
    @Command(name = "completion", versionProvider = Version.class,
            description = {"Print a shell completion script: bash or zsh (the same script serves both).",
                    "  source <(hush completion bash)   # in ~/.bashrc",
                    "  source <(hush completion zsh)    # in ~/.zshrc"})
    static final class Completion extends AutoComplete.GenerateCompletion {
        @Parameters(paramLabel = "SHELL", arity = "0..1", defaultValue = "bash", description = "bash (the default) or zsh")
        Shell shell;
    }

    /** Reads a whole file, as a usage error when it cannot. */
    static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.usage("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** The environment's secrets through sealed retrieval: an ephemeral X25519 key, never plaintext on the wire. */
    static List<Map<String, Object>> retrieve(HushCli root, String project, String env, List<String> keys, List<String> tags) {
        Sealing.Ephemeral ephemeral = Sealing.ephemeralX25519();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("x25519PublicKey", ephemeral.publicB64());
        if (keys != null && !keys.isEmpty()) {
            body.put("keys", keys);
        }
        if (tags != null && !tags.isEmpty()) {
            body.put("tags", tags);
        }
        Map<String, Object> bundle = root.authenticatedApi().post(secretsPath(root, project, env) + "/retrieve", body);
        return Sealing.openX25519(ephemeral, bundle);
    }

    static String secretsPath(HushCli root, String project, String env) {
        return "/v1/secrets/" + Api.enc(root.org()) + "/" + Api.enc(root.config().project(project)) + "/" + Api.enc(env);
    }

    static Map<String, String> asMap(List<Map<String, Object>> secrets) {
        Map<String, String> values = new TreeMap<>();
        for (Map<String, Object> s : secrets) {
            values.put((String) s.get("name"), (String) s.get("value"));
        }
        return values;
    }

    static List<String> csv(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
