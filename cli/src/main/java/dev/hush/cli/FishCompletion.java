package dev.hush.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A fish completion script for the command tree: each subcommand offered after its parent's path (with its description),
 * and each option of each command after that command's path.
 */
final class FishCompletion {
    private FishCompletion() {}

    static String script(CommandLine top) {
        StringBuilder sb = new StringBuilder("# fish completion for hush: hush completion fish > ~/.config/fish/completions/hush.fish\n");
        sb.append("complete -c hush -f\n");
        sb.append("function __hush_path_is\n")
          .append("    set -l words (commandline -opc)\n")
          .append("    set -e words[1]\n")
          .append("    set -l path\n")
          .append("    for w in $words\n")
          .append("        string match -q -- '-*' $w; and continue\n")
          .append("        set -a path $w\n")
          .append("    end\n")
          .append("    test \"$path\" = \"$argv\"\n")
          .append("end\n");
        walk(top, new ArrayList<>(), sb);
        return sb.toString();
    }

    private static void walk(CommandLine cl, List<String> path, StringBuilder sb) {
        String condition = "'__hush_path_is" + (path.isEmpty() ? "" : " " + String.join(" ", path)) + "'";
        CommandSpec spec = cl.getCommandSpec();
        for (var sub : cl.getSubcommands().entrySet()) {
            if (!sub.getKey().equals(sub.getValue().getCommandName())) {
                continue; // an alias: offered under its own name only
            }
            sb.append("complete -c hush -n ").append(condition).append(" -a ").append(quote(sub.getKey()))
              .append(" -d ").append(quote(first(sub.getValue().getCommandSpec().usageMessage().description()))).append('\n');
        }
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            sb.append("complete -c hush -n ").append(condition);
            for (String name : o.names()) {
                sb.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
            }
            if (o.arity().max() > 0) {
                sb.append(" -r");
                if (o.completionCandidates() != null) {
                    List<String> candidates = new ArrayList<>();
                    o.completionCandidates().forEach(candidates::add);
                    sb.append(" -a ").append(quote(String.join(" ", candidates)));
                }
            }
            sb.append(" -d ").append(quote(first(o.description()))).append('\n');
        }
        for (var sub : cl.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName())) {
                List<String> next = new ArrayList<>(path);
                next.add(sub.getKey());
                walk(sub.getValue(), next, sb);
            }
        }
    }

    private static String first(String[] lines) { return lines.length == 0 ? "" : lines[0]; }

    private static String quote(String s) { return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"; }
}
