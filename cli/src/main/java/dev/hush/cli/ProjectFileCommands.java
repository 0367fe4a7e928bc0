package dev.hush.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hush init} writes the project file {@code .hush.json}; {@code hush status} shows which settings are in effect and why. */
final class ProjectFileCommands {
    private ProjectFileCommands() {}

    @Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write .hush.json here: the organization, project and default environment of this folder and those below it.",
                    "It holds no secret and no token: commit it, so that everyone's hush run uses the same project.",
                    "Example: hush init --project web --env dev"})
    static final class Init extends HushCli.InEnv {
        @Option(names = "--force", description = "replace an existing .hush.json here")
        boolean force;

        @Override
        public Integer call() {
            HushCli root = root();
            Path file = root.cwd.resolve(Config.PROJECT_FILE);
            if (Files.exists(file) && !force) {
                throw new Failure(Failure.REFUSED, "exists", file + " exists already (--force replaces it)", null);
            }
            String[] s = root.scope(project, env);
            // The project and environment must exist: a typo here would fail every later command.
            List<String> envs = HushCli.environments(root, s[0], s[1]);
            if (!envs.contains(s[2])) {
                throw new Failure(Failure.NOT_FOUND, "environment_not_found", "no environment '" + s[2] + "' in project " + s[1] + ": "
                        + String.join(", ", envs) + Suggest.didYouMean(s[2], envs), null);
            }
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("org", s[0]);
            content.put("project", s[1]);
            content.put("env", s[2]);
            try {
                Files.writeString(file, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(content) + "\n");
            } catch (IOException e) {
                throw new Failure(Failure.REFUSED, "cannot write " + file + ": " + Failure.describe(e));
            }
            if (root.json) {
                root.printJson(Map.of("file", file.toString(), "settings", content));
            } else {
                root.err.println("Wrote " + file + " (organization " + s[0] + ", project " + s[1] + ", environment " + s[2]
                        + "). It holds no secret: commit it.");
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"The settings in effect here and where each comes from (a flag, HUSH_*, .hush.json, the login's config).",
                    "Asks the server nothing."})
    static final class Status extends HushCli.InEnv {
        @Override
        public Integer call() {
            HushCli root = root();
            Config c = root.config();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("projectFile", c.projectFile().map(Path::toString).orElse(null));
            view.put("config", c.file().toString());
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("apiUrl", setting(c.apiUrlSetting(root.apiUrl)));
            Config.Setting token = c.tokenSetting();
            settings.put("token", setting(new Config.Setting(token.value() == null ? null : "set", token.source())));
            settings.put("org", setting(c.orgSetting(root.orgFlag)));
            settings.put("project", setting(c.projectSetting(project)));
            settings.put("env", setting(c.envSetting(env)));
            view.put("settings", settings);
            view.put("snapshots", Snapshots.count(c));
            if (root.json) {
                root.printJson(view);
                return 0;
            }
            root.out.println("project file  " + (view.get("projectFile") == null ? "none here or above (hush init writes one)" : view.get("projectFile")));
            root.out.println("config        " + (Files.exists(c.file()) ? c.file() : c.file() + " (not written yet)"));
            for (var e : settings.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) e.getValue();
                String label = switch (e.getKey()) {
                    case "apiUrl" -> "server";
                    case "org" -> "organization";
                    case "env" -> "environment";
                    default -> e.getKey();
                };
                root.out.printf("%-13s %s  (%s)%n", label, s.get("value") == null ? "-" : s.get("value"), s.get("source"));
            }
            root.out.println("snapshots     " + view.get("snapshots") + " kept for hush run --fallback");
            return 0;
        }

        private static Map<String, Object> setting(Config.Setting s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", s.value());
            m.put("source", s.source());
            return m;
        }
    }
}
