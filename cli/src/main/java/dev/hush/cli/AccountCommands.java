package dev.hush.cli;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The account: {@code signup}, {@code login}, {@code logout}, {@code whoami} and API tokens. A password is asked on
 * the terminal without echo (or read from standard input with {@code --password-stdin}), used once to open a session
 * that mints an API token for this machine, and the session is closed at once: only the token is kept (0600).
 */
final class AccountCommands {
    private AccountCommands() {}

    static final String PASSWORD_STDIN = "pipe it with --password-stdin";

    /** The password: from standard input with {@code --password-stdin}, else asked without echo. */
    static String password(HushCli root, boolean fromStdin, boolean twice) {
        if (fromStdin) {
            String p = Prompt.firstLine(root.in);
            if (p.isEmpty()) {
                throw Failure.usage("--password-stdin: standard input has no password");
            }
            return p;
        }
        String p = Prompt.hidden("password", PASSWORD_STDIN);
        if (twice && !p.equals(Prompt.hidden("password again", PASSWORD_STDIN))) {
            throw Failure.usage("the two passwords differ");
        }
        return p;
    }

    /**
     * Mints an API token with a logged-in session and closes the session: the token, shown once.
     * {@code request} is the token's scope ({@code name} is filled in when absent).
     */
    static Map<String, Object> mintToken(Api session, Map<String, Object> request) {
        try {
            Map<String, Object> body = new LinkedHashMap<>(request);
            body.putIfAbsent("name", "hush CLI on " + host());
            return session.post("/v1/auth/token", body);
        } finally {
            close(session);
        }
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "this machine";
        }
    }

    /**
     * A logged-in session of the token's own account ({@code me}: its {@code /v1/auth/me}; the password asked, or read with
     * --password-stdin), for what tokens may not do.
     */
    @SuppressWarnings("unchecked")
    static Api sessionOf(HushCli root, Api api, Map<String, Object> me, boolean passwordStdin) {
        String email = (String) ((Map<String, Object>) me.get("user")).get("email");
        Api session = Api.session(api.base());
        session.post("/v1/auth/login", Map.of("email", email, "password", password(root, passwordStdin, false)));
        return session;
    }

    /** Ends a session opened by {@link #sessionOf}. */
    static void close(Api session) {
        try {
            session.post("/v1/auth/logout", Map.of());
        } catch (Failure ignored) {
            // the session expires by itself
        }
    }

    /** Saves a token minted for this CLI and picks the organization when there is only one. */
    static void remember(HushCli root, String url, String token, String email) {
        Config config = root.config();
        Map<String, Object> me = new Api(url, token).get("/v1/auth/me");
        config.set("apiUrl", url);
        config.set("token", token);
        List<Map<String, Object>> orgs = HushCli.orgs(new Api(url, token));
        if (config.org(null) == null && orgs.size() == 1) {
            config.set("org", (String) orgs.get(0).get("slug"));
        }
        config.save();
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) me.get("user");
        String org = config.org(root.orgFlag);
        if (root.json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("apiUrl", url);
            view.put("user", user);
            view.put("org", org);
            root.printJson(view);
        } else {
            root.err.println("Logged in to " + url + " as " + (user == null ? email : user.get("email")) + (org == null ? "" : " (organization " + org + ")"));
        }
    }

    @Command(name = "signup", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Create an account (with its own organization) and log in to it.",
                    "The password is asked twice without echo; scripts pipe it with --password-stdin.",
                    "Example: hush signup --email ada@example.com --name Ada"})
    static final class Signup extends HushCli.Sub {
        @Option(names = "--email", paramLabel = "EMAIL", description = "your e-mail address (asked when left out)")
        String email;

        @Option(names = "--name", paramLabel = "NAME", description = "your name, as others see it")
        String name;

        @Mixin
        HushCli.PasswordStdin passwordOption;

        @Override
        public Integer call() {
            HushCli root = root();
            String url = root.config().apiUrl(root.apiUrl);
            String address = email != null ? email : Prompt.visible("e-mail", "give it with --email");
            String password = password(root, passwordOption.stdin, true);
            Api session = Api.session(url);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email", address);
            body.put("password", password);
            if (name != null) {
                body.put("name", name);
            }
            Map<String, Object> registered = session.post("/v1/auth/register", body);
            String token = (String) mintToken(session, Map.of()).get("token");
            @SuppressWarnings("unchecked")
            Map<String, Object> org = (Map<String, Object>) registered.get("org");
            if (org != null) {
                root.config().set("org", (String) org.get("slug"));
            }
            remember(root, url, token, address);
            if (!root.json) {
                root.err.println("Next: hush project create <name>, then hush init in your project's folder.");
            }
            return 0;
        }
    }

    @Command(name = "login", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Log in, in one of three ways:",
                    "  hush login --email ada@example.com       the password asked without echo (or --password-stdin)",
                    "  hush login --token -                      an API token from standard input (or HUSH_TOKEN)",
                    "  hush login                                through the dashboard: a URL and a code to approve",
                    "A password login mints an API token for this machine and keeps only the token."})
    static final class Login extends HushCli.Sub {
        @Option(names = "--email", paramLabel = "EMAIL", description = "log in with this account's password")
        String email;

        @Mixin
        HushCli.PasswordStdin passwordOption;

        @Option(names = "--token", paramLabel = "TOKEN", description = "an API token (hush_tok_...), or '-' to read it from standard input")
        String token;

        @Override
        public Integer call() throws Exception {
            HushCli root = root();
            String url = root.config().apiUrl(root.apiUrl);
            if (email != null && token != null) {
                throw Failure.usage("give --email or --token, not both");
            }
            if (passwordOption.stdin && email == null) {
                throw Failure.usage("--password-stdin goes with --email");
            }
            String t = token;
            if (email != null) {
                Api session = Api.session(url);
                session.post("/v1/auth/login", Map.of("email", email, "password", password(root, passwordOption.stdin, false)));
                t = (String) mintToken(session, Map.of()).get("token");
            } else if ("-".equals(t)) {
                t = new String(root.in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } else if (t != null) {
                root.err.println("hush: note: a token on the command line is visible to other users (ps); prefer --token - or HUSH_TOKEN");
            } else {
                t = deviceFlow(root, new Api(url, null));
            }
            if (t == null || t.isBlank()) {
                throw Failure.usage("the token is empty");
            }
            remember(root, url, t, email);
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
    static final class Logout extends HushCli.Sub {
        @Override
        public Integer call() {
            Config config = root().config();
            if (config.storedToken() == null) {
                root().done("Not logged in (a HUSH_TOKEN in the environment is left alone).", "not_logged_in");
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
            root().done("Logged out.", "logged_out");
            return 0;
        }
    }

    @Command(name = "whoami", mixinStandardHelpOptions = true, description = "Who the token belongs to, and the organization, project and environment in use.")
    static final class WhoAmI extends HushCli.Sub {
        @Override
        public Integer call() {
            HushCli root = root();
            Map<String, Object> me = root.authenticatedApi().get("/v1/auth/me");
            Config config = root.config();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("apiUrl", config.apiUrl(root.apiUrl));
            view.put("user", me.get("user"));
            view.put("orgs", me.get("orgs"));
            view.put("org", config.org(root.orgFlag));
            view.put("project", config.project(null));
            view.put("env", config.environment(null));
            if (root.json) {
                root.printJson(view);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> user = (Map<String, Object>) me.get("user");
                root.out.println(user.get("email") + " on " + view.get("apiUrl"));
                root.out.println("organization: " + (view.get("org") == null ? "(none chosen: hush org use)" : view.get("org"))
                        + ", project: " + view.get("project") + ", environment: " + view.get("env"));
            }
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "API tokens for CI and scripts: create, list, revoke.",
            subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
    static final class TokenCommand extends HushCli.Group {
        @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
                description = {"Create an API token, printed once on standard output (only its hash is kept).",
                        "Tokens are made from a logged-in session: your password is asked (or --password-stdin).",
                        "Example: hush token create ci-deploy --project web --env prod --read-only --expires-in-days 90"})
        static final class Create extends HushCli.Sub {
            @Parameters(paramLabel = "NAME", description = "what the token is for")
            String name;

            @Option(names = "--project", paramLabel = "SLUG", split = ",", description = "only these projects (default: all of the organization)")
            List<String> projects;

            @Option(names = "--env", paramLabel = "ENV", split = ",", description = "only these environments (default: all)")
            List<String> environments;

            @Option(names = "--read-only", description = "read, never write")
            boolean readOnly;

            @Option(names = "--expires-in-days", paramLabel = "DAYS", description = "1 to 3650 (default: never)")
            Integer expiresInDays;

            @Mixin
            HushCli.PasswordStdin passwordOption;

            @Override
            @SuppressWarnings("unchecked")
            public Integer call() {
                HushCli root = root();
                Api api = root.authenticatedApi();
                Map<String, Object> me = api.get("/v1/auth/me");
                String org = root.org();
                Object orgId = ((List<Map<String, Object>>) me.getOrDefault("orgs", List.of())).stream().filter(o -> org.equals(o.get("slug")))
                        .map(o -> o.get("id")).findFirst().orElseThrow(() -> new Failure(Failure.NOT_FOUND, "organization_not_found",
                                "no organization '" + org + "' among yours", null));
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("name", name);
                request.put("orgId", orgId);
                if (projects != null) {
                    request.put("projects", projects);
                }
                if (environments != null) {
                    request.put("environments", environments);
                }
                if (readOnly) {
                    request.put("permissions", List.of("read"));
                }
                if (expiresInDays != null) {
                    request.put("expiresInDays", expiresInDays);
                }
                Map<String, Object> created = mintToken(sessionOf(root, api, me, passwordOption.stdin), request);
                if (root.json) {
                    root.printJson(created);
                } else {
                    root.out.println(created.get("token"));
                    root.err.println("Created token " + name + " (" + created.get("id") + ") for " + org
                            + ". It is shown this once: store it now (e.g. as HUSH_TOKEN in your CI's secrets).");
                }
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "Your API tokens (never the tokens themselves).")
        static final class ListTokens extends HushCli.Sub {
            @Override
            @SuppressWarnings("unchecked")
            public Integer call() {
                HushCli root = root();
                List<Map<String, Object>> tokens = (List<Map<String, Object>>) root.authenticatedApi().get("/v1/auth/tokens").getOrDefault("tokens", List.of());
                if (root.json) {
                    root.printJson(tokens);
                    return 0;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"ID", "NAME", "SCOPE", "LAST USED", "EXPIRES"});
                for (Map<String, Object> t : tokens) {
                    String scope = (t.get("projects") instanceof List<?> p && !p.isEmpty() ? "projects " + p : "all projects")
                            + (t.get("environments") instanceof List<?> e && !e.isEmpty() ? ", envs " + e : "")
                            + (t.get("permissions") instanceof List<?> perms && !perms.isEmpty() ? ", " + perms : "");
                    rows.add(new String[] {String.valueOf(t.get("id")), String.valueOf(t.get("name")), scope,
                            t.get("lastUsedAt") == null ? "never" : String.valueOf(t.get("lastUsedAt")),
                            t.get("expiresAt") == null ? "never" : String.valueOf(t.get("expiresAt"))});
                }
                SecretsCommand.table(root, rows);
                return 0;
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true,
                description = {"Revoke a token (its id, or its name when only one has it); it stops working at once.",
                        "Another token than the CLI's own is revoked from a logged-in session: your password is asked (or --password-stdin)."})
        static final class Revoke extends HushCli.Sub {
            @Parameters(paramLabel = "TOKEN", description = "the token's id or name (from hush token list)")
            String ref;

            @Mixin
            HushCli.PasswordStdin passwordOption;

            @Override
            @SuppressWarnings("unchecked")
            public Integer call() {
                HushCli root = root();
                Api api = root.authenticatedApi();
                List<Map<String, Object>> tokens = (List<Map<String, Object>>) api.get("/v1/auth/tokens").getOrDefault("tokens", List.of());
                List<Map<String, Object>> matching = tokens.stream().filter(t -> ref.equals(t.get("id")) || ref.equals(t.get("name"))).toList();
                if (matching.isEmpty()) {
                    throw new Failure(Failure.NOT_FOUND, "token_not_found", "no token '" + ref + "': "
                            + String.join(", ", tokens.stream().map(t -> (String) t.get("name")).toList())
                            + Suggest.didYouMean(ref, tokens.stream().map(t -> (String) t.get("name")).toList()), null);
                }
                if (matching.size() > 1) {
                    throw Failure.usage(matching.size() + " tokens are named '" + ref + "': give the id (hush token list)");
                }
                String id = (String) matching.get(0).get("id");
                Map<String, Object> me = api.get("/v1/auth/me");
                if (id.equals(me.get("tokenId"))) {
                    api.delete("/v1/auth/tokens/" + Api.enc(id));
                } else {
                    Api session = sessionOf(root, api, me, passwordOption.stdin);
                    try {
                        session.delete("/v1/auth/tokens/" + Api.enc(id));
                    } finally {
                        close(session);
                    }
                }
                root.done("Revoked token " + matching.get(0).get("name") + " (" + id + ")", "token_revoked", "id", id, "name", matching.get(0).get("name"));
                return 0;
            }
        }
    }
}
