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
        footer = {"", "Start:  hush signup --email you@example.com   (or hush login --email ...)",
                "        hush project create web && hush init --project web --env dev",
                "        hush secrets import .env && hush run -- ./app",
                "", "Exit codes: 0 ok, 1 refused, 2 usage, 3 auth, 4 not found, 5 network, 6 server; hush run: the command's code.",
                "Environment: HUSH_TOKEN, HUSH_API_URL, HUSH_ORG, HUSH_PROJECT, HUSH_ENV, HUSH_CONFIG_DIR.",
                "Settings: a flag, else HUSH_*, else .hush.json (found upwards from here; hush init), else hush login's config (hush status shows which)."},
        subcommands = {})
public final class HushCli implements Callable<Integer> {
    /**
     * The top-level commands, in the order of the help. Added to the command line lazily: a command line that names one
     * (hush run ...) builds only that command's model, which saves a short-lived run most of picocli's start-up work.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (Class<?> c : List.of(AccountCommands.Signup.class, AccountCommands.Login.class, AccountCommands.Logout.class, AccountCommands.WhoAmI.class,
                ProjectFileCommands.Init.class, ProjectFileCommands.Status.class, WorkspaceCommands.OrgCommand.class,
                WorkspaceCommands.ProjectCommand.class, WorkspaceCommands.EnvCommand.class, AccountCommands.TokenCommand.class,
                MembersCommand.class, HushCli.SessionCommand.class, SecretsCommand.class, DiffCommand.class, RunCommand.class,
                HushCli.Completion.class)) {
            Command command = c.getAnnotation(Command.class);
            m.put(command.name(), c);
            for (String alias : command.aliases()) {
                m.put(alias, c);
            }
        }
        return m;
    }

    /** The command a command line names (its first word that is not an option or a global option's value), or {@code null}. */
    static String commandNamed(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return null;
            }
            if ((a.equals("--api-url") || a.equals("--org")) && i + 1 < args.length) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** The command line for {@code args}: only the command it names, or all of them (help, completion, a typo). */
    static CommandLine commandLine(HushCli root, String[] args) {
        CommandLine cl = new CommandLine(root);
        String named = commandNamed(args);
        Class<?> only = named == null || named.equals("completion") ? null : COMMANDS.get(named);
        java.util.Set<Class<?>> added = new java.util.HashSet<>();
        for (Class<?> c : COMMANDS.values()) {
            if ((only == null || only == c) && added.add(c)) {
                cl.addSubcommand(c);
            }
        }
        return cl;
    }

    @Option(names = "--api-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "the Hush server, e.g. https://hush.example.com (or HUSH_API_URL; default http://127.0.0.1:8080)")
    String apiUrl;

    @Option(names = "--org", scope = ScopeType.INHERIT, paramLabel = "ORG", description = "organization slug (or HUSH_ORG, .hush.json, hush org use)")
    String orgFlag;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "machine-readable output, errors included: {\"error\":{\"code\",\"message\"}}")
    boolean json;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "show stack traces on errors")
    boolean debug;

    final Map<String, String> env;
    final Path cwd;
    final PrintStream out;
    final PrintStream err;
    final InputStream in;
    private Config config;
    /** The organization, project and environment the last request was about: to explain a "not found". */
    String[] scope;

    HushCli(Map<String, String> env, Path cwd, PrintStream out, PrintStream err, InputStream in) {
        this.env = env;
        this.cwd = cwd;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err, System.in);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line in the process's working directory; the exit code. Never throws. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
        return run(args, env, Path.of(System.getProperty("user.dir")), out, err, in);
    }

    /** Runs one command line as if started in {@code cwd} (where {@code .hush.json} is looked for); the exit code. Never throws. */
    public static int run(String[] args, Map<String, String> env, Path cwd, PrintStream out, PrintStream err, InputStream in) {
        HushCli root = new HushCli(env, cwd, out, err, in);
        CommandLine cl = commandLine(root, args);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Failure f = e instanceof Failure known ? root.explain(known)
                    : new Failure(Failure.REFUSED, "internal", "unexpected error" + (root.debug ? "" : " (run with --debug for details)"), e);
            root.report(f.code, f.getMessage());
            if (root.debug) {
                e.printStackTrace(err);
            }
            return f.exitCode;
        });
        cl.setParameterExceptionHandler((ex, argv) -> {
            boolean asJson = Arrays.asList(argv).contains("--json");
            String message = ex.getMessage();
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
                List<String> suggestions = unmatched.getSuggestions();
                if (!suggestions.isEmpty() && !unmatched.getUnmatched().isEmpty()) {
                    message = (unmatched.getUnmatched().get(0).startsWith("-") ? "unknown option '" : "unknown command '")
                            + unmatched.getUnmatched().get(0) + "'; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?";
                }
            }
            String help = "Try 'hush " + (ex.getCommandLine().getCommandSpec().qualifiedName().replaceFirst("^hush ?", "") + " --help'.").stripLeading();
            if (asJson) {
                root.json = true;
                root.report("usage", message);
            } else {
                err.println("hush: " + message);
                err.println(help);
            }
            return Failure.USAGE;
        });
        return cl.execute(args);
    }

    /** One failure: a line on stderr, or the JSON error object on stdout with --json. */
    void report(String code, String message) {
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            printJson(Map.of("error", error));
        } else {
            err.println("hush: " + message);
        }
    }

    /** A "not found" of an organization, project or environment names the choices (and the nearest one). */
    Failure explain(Failure f) {
        if (scope == null || f.exitCode != Failure.NOT_FOUND) {
            return f;
        }
        try {
            switch (f.code) {
                case "environment_not_found" -> {
                    List<String> envs = environments(this, scope[0], scope[1]);
                    return new Failure(f.exitCode, f.code, "no environment '" + scope[2] + "' in project " + scope[1] + ": " + String.join(", ", envs)
                            + Suggest.didYouMean(scope[2], envs), null);
                }
                case "project_not_found" -> {
                    List<String> projects = projects(this, scope[0]).stream().map(p -> (String) p.get("slug")).toList();
                    return new Failure(f.exitCode, f.code, "no project '" + scope[1] + "' in organization " + scope[0] + ": "
                            + (projects.isEmpty() ? "it has none yet (hush project create " + scope[1] + ")" : String.join(", ", projects))
                            + Suggest.didYouMean(scope[1], projects), null);
                }
                case "organization_not_found" -> {
                    List<String> orgs = orgs(authenticatedApi()).stream().map(o -> (String) o.get("slug")).toList();
                    return new Failure(f.exitCode, f.code, "no organization '" + scope[0] + "' among yours: " + String.join(", ", orgs)
                            + Suggest.didYouMean(scope[0], orgs), null);
                }
                default -> {
                    return f;
                }
            }
        } catch (Failure lookupFailed) {
            return f;
        }
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return 0;
    }

    Config config() {
        if (config == null) {
            config = Config.load(env, cwd);
        }
        return config;
    }

    Api api() { return new Api(config().apiUrl(apiUrl), config().token()); }

    Api authenticatedApi() {
        if (config().token() == null) {
            throw new Failure(Failure.AUTH, "not_logged_in", "not logged in: run 'hush login' or 'hush signup' (or set HUSH_TOKEN)", null);
        }
        return api();
    }

    /** The organization slug to use: a flag, HUSH_ORG, .hush.json or the config, else the only one the account has. */
    String org() {
        String org = config().org(orgFlag);
        if (org != null) {
            return org;
        }
        List<Map<String, Object>> orgs = orgs(authenticatedApi());
        if (orgs.size() == 1) {
            return (String) orgs.get(0).get("slug");
        }
        throw Failure.usage("choose an organization first: hush org use <slug> (you belong to " + orgs.size() + ": "
                + String.join(", ", orgs.stream().map(o -> (String) o.get("slug")).toList()) + ")");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> orgs(Api api) {
        return (List<Map<String, Object>>) api.get("/v1/auth/me").getOrDefault("orgs", List.of());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> projects(HushCli root, String org) {
        return (List<Map<String, Object>>) root.authenticatedApi().get("/v1/projects/" + Api.enc(org)).getOrDefault("projects", List.of());
    }

    @SuppressWarnings("unchecked")
    static List<String> environments(HushCli root, String org, String project) {
        List<Map<String, Object>> envs = (List<Map<String, Object>>) root.authenticatedApi().get("/v1/projects/" + Api.enc(org) + "/" + Api.enc(project))
                .getOrDefault("environments", List.of());
        return envs.stream().map(e -> (String) e.get("slug")).toList();
    }

    /** A command's outcome: {@code message} on stderr, or with --json {@code {"done": what, ...facts}} on stdout. */
    void done(String message, String what, Object... facts) {
        if (!json) {
            err.println(message);
            return;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("done", what);
        for (int i = 0; i + 1 < facts.length; i += 2) {
            view.put((String) facts[i], facts[i + 1]);
        }
        printJson(view);
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

    /** A command about one project: --project, else HUSH_PROJECT, .hush.json or the one in use. */
    abstract static class InProject extends Sub {
        @Option(names = {"--project", "-p"}, paramLabel = "PROJECT",
                description = "project slug (default: .hush.json's, the one chosen with hush project use, else 'default')")
        String project;
    }

    /** A command about one environment of a project: --env, else HUSH_ENV, .hush.json's, else dev. */
    abstract static class InEnv extends InProject {
        @Option(names = {"--env", "-e"}, paramLabel = "ENV", description = "environment (default: .hush.json's, else dev)")
        String env;

        String path() { return secretsPath(root(), project, env); }

        /** The environment in effect: the flag, HUSH_ENV, .hush.json, else dev. */
        String env() { return root().config().environment(env); }
    }

    /** {@code --password-stdin}, for the commands that need the account's password. */
    static final class PasswordStdin {
        @Option(names = "--password-stdin", description = "read the password from the first line of standard input (else it is asked without echo)")
        boolean stdin;
    }

    /** A command that only groups subcommands: on its own it prints its usage. */
    abstract static class Group extends Sub {
        @Override
        public Integer call() {
            spec.commandLine().usage(root().out);
            return 0;
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
                public Integer call() { return WorkspaceCommands.useOrg(root(), org); }
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

    /** The shells {@code hush completion} writes for. */
    enum Shell { bash, zsh, fish }

    /** {@code hush completion [bash|zsh|fish]}: picocli's script for bash and zsh (through bashcompinit); fish's from the same model. */
    @Command(name = "completion", mixinStandardHelpOptions = true,
            description = {"Print a shell completion script: bash, zsh or fish.",
                    "  source <(hush completion bash)                              # in ~/.bashrc",
                    "  source <(hush completion zsh)                               # in ~/.zshrc",
                    "  hush completion fish > ~/.config/fish/completions/hush.fish"})
    static final class Completion extends Sub {
        @Parameters(paramLabel = "SHELL", arity = "0..1", defaultValue = "bash", description = "bash (the default), zsh or fish")
        Shell shell;

        @Override
        public Integer call() {
            CommandLine top = spec.root().commandLine();
            root().out.print(shell == Shell.fish ? FishCompletion.script(top) : AutoComplete.bash("hush", top));
            return 0;
        }
    }

    /** Reads a whole file, as a usage error when it cannot. */
    static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.usage("cannot read " + file + ": " + Failure.describe(e));
        }
    }

    /** The environment's secrets through sealed retrieval: an ephemeral X25519 key, never plaintext on the wire. */
    static List<Map<String, Object>> retrieve(HushCli root, String project, String env, List<String> keys, List<String> tags) {
        return retrieve(root, secretsPath(root, project, env), keys, tags, null).secrets();
    }

    /** A sealed retrieval's answer: the secrets, or {@code notModified} when {@code etag} still names the values. */
    record Retrieved(List<Map<String, Object>> secrets, String etag, boolean notModified) {}

    /** Sealed retrieval from {@code path} ({@link #secretsPath}), conditional on {@code etag} when given. */
    static Retrieved retrieve(HushCli root, String path, List<String> keys, List<String> tags, String etag) {
        Sealing.Ephemeral ephemeral = Sealing.ephemeralX25519();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("x25519PublicKey", ephemeral.publicB64());
        if (keys != null && !keys.isEmpty()) {
            body.put("keys", keys);
        }
        if (tags != null && !tags.isEmpty()) {
            body.put("tags", tags);
        }
        Api.Tagged answer = root.authenticatedApi().postTagged(path + "/retrieve", body, etag);
        if (answer.notModified()) {
            return new Retrieved(List.of(), answer.etag(), true);
        }
        return new Retrieved(Sealing.openX25519(ephemeral, answer.body()), answer.etag(), false);
    }

    /** {@code /v1/secrets/ORG/PROJECT/ENV} of the settings in effect ({@code project} and {@code env} are flags, may be null). */
    static String secretsPath(HushCli root, String project, String env) {
        String[] s = root.scope(project, env);
        return "/v1/secrets/" + Api.enc(s[0]) + "/" + Api.enc(s[1]) + "/" + Api.enc(s[2]);
    }

    /** The organization, project and environment in effect, remembered to explain a "not found". */
    String[] scope(String project, String env) {
        scope = new String[] {org(), config().project(project), config().environment(env)};
        return scope;
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
