package dev.hush.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hush diff FROM TO}: how two environments differ, compared on the server; no value leaves it. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"How two environments of the project differ: keys only in one, keys whose values differ, and metadata.",
                "Values are compared on the server and never shown (you need the right to read both). Exit code 0 either way.",
                "Example: hush diff staging prod"})
final class DiffCommand extends HushCli.InProject {
    @Parameters(index = "0", paramLabel = "FROM")
    String from;

    @Parameters(index = "1", paramLabel = "TO")
    String to;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        HushCli root = root();
        String[] s = root.scope(project, from);
        Map<String, Object> r;
        try {
            r = root.authenticatedApi().get("/v1/secrets/" + Api.enc(s[0]) + "/" + Api.enc(s[1]) + "/diff?from=" + Api.enc(from) + "&to=" + Api.enc(to));
        } catch (Failure f) {
            if ("environment_not_found".equals(f.code)) {
                // Which of the two is missing: name it, with the choices.
                List<String> envs = HushCli.environments(root, s[0], s[1]);
                String missing = envs.contains(from) ? to : from;
                root.scope = new String[] {s[0], s[1], missing};
            }
            throw f;
        }
        if (root.json) {
            root.printJson(r);
            return 0;
        }
        if (Boolean.TRUE.equals(r.get("identical"))) {
            root.out.println(from + " and " + to + " have the same keys, values and metadata (" + ((List<?>) r.get("same")).size() + " keys)");
            return 0;
        }
        for (Object k : (List<Object>) r.get("onlyInFrom")) {
            root.out.println("- " + k + "  (only in " + from + ")");
        }
        for (Object k : (List<Object>) r.get("onlyInTo")) {
            root.out.println("+ " + k + "  (only in " + to + ")");
        }
        for (Map<String, Object> c : (List<Map<String, Object>>) r.get("changed")) {
            List<String> differences = (List<String>) c.get("differences");
            root.out.println("~ " + c.get("key") + "  (" + String.join(", ", differences) + (differences.size() == 1 ? " differs)" : " differ)"));
        }
        root.out.println(((List<?>) r.get("same")).size() + " keys the same");
        return 0;
    }
}
