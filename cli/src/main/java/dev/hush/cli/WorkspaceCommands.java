package dev.hush.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Organizations, projects and environments: list, create, choose (and delete a project). */
final class WorkspaceCommands {
    private WorkspaceCommands() {}

    static int useOrg(HushCli root, String ref) {
        List<Map<String, Object>> orgs = HushCli.orgs(root.authenticatedApi());
        for (Map<String, Object> o : orgs) {
            if (ref.equals(o.get("slug")) || ref.equals(o.get("id"))) {
                root.config().set("org", (String) o.get("slug"));
                root.config().set("project", null);
                root.config().save();
                root.done("Using organization " + o.get("slug") + " (" + o.get("role") + ")", "org_chosen", "org", o.get("slug"), "role", o.get("role"));
                return 0;
            }
        }
        List<String> slugs = orgs.stream().map(o -> (String) o.get("slug")).toList();
        throw new Failure(Failure.NOT_FOUND, "organization_not_found", "no organization '" + ref + "' among yours: " + String.join(", ", slugs)
                + Suggest.didYouMean(ref, slugs), null);
    }

    /** The SLUG parameter and --name option of the create commands. */
    static final class SlugAndName {
        @Parameters(paramLabel = "SLUG", description = "lower-case letters, digits and dashes; used in URLs")
        String slug;

        @Option(names = "--name", paramLabel = "NAME", description = "display name (default: the slug)")
        String name;

        String displayName() { return name == null ? slug : name; }
    }

    /** Asks for a yes on the terminal, unless {@code --yes} was given; without a terminal, {@code --yes} is required. */
    static void confirm(HushCli root, boolean yes, String question) {
        if (yes) {
            return;
        }
        if (Prompt.terminal() == null) {
            throw Failure.usage(question + ": confirm with --yes");
        }
        String answer = Prompt.visible(question + " Type yes to go on", "confirm with --yes");
        if (!answer.equalsIgnoreCase("yes")) {
            throw new Failure(Failure.REFUSED, "cancelled");
        }
    }

    @Command(name = "org", mixinStandardHelpOptions = true, description = "Your organizations: list, create, use.",
            subcommands = {OrgCommand.ListOrgs.class, OrgCommand.Create.class, OrgCommand.Use.class})
    static final class OrgCommand extends HushCli.Group {
        @Command(name = "list", mixinStandardHelpOptions = true, description = "The organizations you belong to, with your role; * marks the one in use.")
        static final class ListOrgs extends HushCli.Sub {
            @Override
            public Integer call() {
                HushCli root = root();
                List<Map<String, Object>> orgs = HushCli.orgs(root.authenticatedApi());
                if (root.json) {
                    root.printJson(orgs);
                    return 0;
                }
                String current = root.config().org(root.orgFlag);
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"", "SLUG", "NAME", "ROLE"});
                for (Map<String, Object> o : orgs) {
                    rows.add(new String[] {o.get("slug").equals(current) ? "*" : "", (String) o.get("slug"), String.valueOf(o.get("name")),
                            String.valueOf(o.get("role"))});
                }
                SecretsCommand.table(root, rows);
                return 0;
            }
        }

        @Command(name = "create", mixinStandardHelpOptions = true, description = {"Create an organization (you are its owner) and use it.",
                "Example: hush org create acme --name \"Acme Inc.\""})
        static final class Create extends HushCli.Sub {
            @Mixin
            SlugAndName named;

            @Override
            public Integer call() {
                HushCli root = root();
                Map<String, Object> org = root.authenticatedApi().post("/v1/orgs", Map.of("name", named.displayName(), "slug", named.slug));
                root.config().set("org", (String) org.get("slug"));
                root.config().set("project", null);
                root.config().save();
                if (root.json) {
                    root.printJson(org);
                } else {
                    root.err.println("Created organization " + org.get("slug") + " and using it");
                }
                return 0;
            }
        }

        @Command(name = "use", mixinStandardHelpOptions = true, description = "Use this organization (slug or id) from now on.")
        static final class Use extends HushCli.Sub {
            @Parameters(paramLabel = "ORG", description = "slug or id (hush org list)")
            String org;

            @Override
            public Integer call() { return useOrg(root(), org); }
        }
    }

    @Command(name = "project", mixinStandardHelpOptions = true, description = "Projects of the organization: list, create, delete, use.",
            subcommands = {ProjectCommand.ListProjects.class, ProjectCommand.Create.class, ProjectCommand.DeleteProject.class, ProjectCommand.Use.class})
    static final class ProjectCommand extends HushCli.Group {
        @Command(name = "list", mixinStandardHelpOptions = true, description = "The organization's projects and their environments.")
        static final class ListProjects extends HushCli.Sub {
            @Override
            @SuppressWarnings("unchecked")
            public Integer call() {
                HushCli root = root();
                String org = root.org();
                root.scope = new String[] {org, null, null};
                List<Map<String, Object>> projects = HushCli.projects(root, org);
                if (root.json) {
                    root.printJson(projects);
                    return 0;
                }
                if (projects.isEmpty()) {
                    root.err.println("No project in " + org + " yet: hush project create <slug>");
                    return 0;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"SLUG", "NAME", "ENVIRONMENTS"});
                for (Map<String, Object> p : projects) {
                    List<Map<String, Object>> envs = (List<Map<String, Object>>) p.getOrDefault("environments", List.of());
                    rows.add(new String[] {(String) p.get("slug"), String.valueOf(p.get("name")),
                            String.join(", ", envs.stream().map(e -> (String) e.get("slug")).toList())});
                }
                SecretsCommand.table(root, rows);
                return 0;
            }
        }

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = {"Create a project with the environments dev, staging and prod (owner or admin).", "Example: hush project create web --name \"Web app\""})
        static final class Create extends HushCli.Sub {
            @Mixin
            SlugAndName named;

            @Override
            public Integer call() {
                HushCli root = root();
                String org = root.org();
                String slug = named.slug;
                root.scope = new String[] {org, slug, null};
                Map<String, Object> p = root.authenticatedApi().post("/v1/projects/" + Api.enc(org), Map.of("name", named.displayName(), "slug", slug));
                if (root.json) {
                    root.printJson(p);
                } else {
                    root.err.println("Created project " + slug + " in " + org + " with dev, staging and prod. Use it here: hush init --project " + slug);
                }
                return 0;
            }
        }

        @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a project and all its secrets (owner); asks first unless --yes.")
        static final class DeleteProject extends HushCli.Sub {
            @Parameters(paramLabel = "SLUG")
            String slug;

            @Option(names = "--yes", description = "do not ask")
            boolean yes;

            @Override
            public Integer call() {
                HushCli root = root();
                String org = root.org();
                root.scope = new String[] {org, slug, null};
                confirm(root, yes, "Delete project " + slug + " of " + org + " with all its secrets and their history?");
                root.authenticatedApi().delete("/v1/projects/" + Api.enc(org) + "/" + Api.enc(slug));
                root.done("Deleted project " + slug, "project_deleted", "project", slug);
                return 0;
            }
        }

        @Command(name = "use", mixinStandardHelpOptions = true,
                description = "Use this project from now on (in this account's config; hush init sets it for one folder).")
        static final class Use extends HushCli.Sub {
            @Parameters(paramLabel = "PROJECT")
            String project;

            @Override
            public Integer call() {
                HushCli root = root();
                String org = root.org();
                root.scope = new String[] {org, project, null};
                root.authenticatedApi().get("/v1/projects/" + Api.enc(org) + "/" + Api.enc(project));
                root.config().set("org", org);
                root.config().set("project", project);
                root.config().save();
                root.done("Using project " + project + " of " + org, "project_chosen", "org", org, "project", project);
                return 0;
            }
        }
    }

    @Command(name = "env", mixinStandardHelpOptions = true, description = "Environments of the project: list, create.",
            subcommands = {EnvCommand.ListEnvs.class, EnvCommand.Create.class})
    static final class EnvCommand extends HushCli.Group {
        @Command(name = "list", mixinStandardHelpOptions = true, description = "The project's environments and who may read their values.")
        static final class ListEnvs extends HushCli.InProject {
            @Override
            @SuppressWarnings("unchecked")
            public Integer call() {
                HushCli root = root();
                String[] s = root.scope(project, null);
                Map<String, Object> p = root.authenticatedApi().get("/v1/projects/" + Api.enc(s[0]) + "/" + Api.enc(s[1]));
                List<Map<String, Object>> envs = (List<Map<String, Object>>) p.getOrDefault("environments", List.of());
                if (root.json) {
                    root.printJson(envs);
                    return 0;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"", "SLUG", "NAME", "READ LEVEL"});
                for (Map<String, Object> e : envs) {
                    rows.add(new String[] {e.get("slug").equals(s[2]) ? "*" : "", (String) e.get("slug"), String.valueOf(e.get("name")),
                            String.valueOf(e.get("readLevel"))});
                }
                SecretsCommand.table(root, rows);
                return 0;
            }
        }

        @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
                description = {"Add an environment to the project (owner or admin).",
                        "Its read level says who may read its values, as for dev, staging or prod.",
                        "Example: hush env create qa --read-level staging"})
        static final class Create extends HushCli.InProject {
            @Mixin
            SlugAndName named;

            @Option(names = "--read-level", paramLabel = "LEVEL", defaultValue = "dev", completionCandidates = Levels.class,
                    description = "dev, staging or prod (default: ${DEFAULT-VALUE})")
            String readLevel;

            @Override
            public Integer call() {
                HushCli root = root();
                String[] s = root.scope(project, null);
                Map<String, Object> body = new LinkedHashMap<>();
                String slug = named.slug;
                body.put("slug", slug);
                body.put("name", named.displayName());
                body.put("readLevel", readLevel);
                Map<String, Object> e = root.authenticatedApi().post("/v1/projects/" + Api.enc(s[0]) + "/" + Api.enc(s[1]) + "/environments", body);
                if (root.json) {
                    root.printJson(e);
                } else {
                    root.err.println("Created environment " + slug + " in " + s[1] + " (read level " + readLevel + ")");
                }
                return 0;
            }
        }

        static final class Levels extends ArrayList<String> {
            Levels() { super(List.of("dev", "staging", "prod")); }
        }
    }
}
