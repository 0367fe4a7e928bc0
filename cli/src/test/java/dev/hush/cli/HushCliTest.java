package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The commands that need no server: version, completion, usage. */
class HushCliTest {
    record Out(int code, String out, String err) {}

    static Out hush(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HushCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void version_printsTheBuiltVersion() {
        Out version = hush("--version");
        assertThat(version.code()).isZero();
        // The Maven project version, filtered into version.properties: no placeholder left.
        assertThat(version.out().strip()).matches("hush \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(hush("-V").out()).isEqualTo(version.out());
    }

    @Test
    void completionBash_printsABashScript_thatCompletesTheSubcommands() {
        Out bash = hush("completion", "bash");
        assertThat(bash.code()).isZero();
        assertThat(bash.err()).isEmpty();
        assertThat(bash.out()).contains("complete -F _complete_hush", "hush");
        assertThat(bash.out()).contains("login", "logout", "whoami", "org", "project", "secrets", "members", "run", "completion");
        // Nested subcommands complete too.
        assertThat(bash.out()).contains("promote", "import", "export", "history");
    }

    @Test
    void completion_withoutOrWithZsh_printsTheSameScript_whichWorksInZsh() {
        String bash = hush("completion", "bash").out();
        assertThat(hush("completion").out()).isEqualTo(bash);
        Out zsh = hush("completion", "zsh");
        assertThat(zsh.code()).isZero();
        assertThat(zsh.out()).isEqualTo(bash).contains("bashcompinit");
    }

    @Test
    void completion_withAnotherShell_isAUsageError() {
        Out fish = hush("completion", "fish");
        assertThat(fish.code()).isEqualTo(Failure.USAGE);
        assertThat(fish.out()).isEmpty();
        assertThat(fish.err()).startsWith("hush: ").contains("fish").contains("bash, zsh");
    }

    @Test
    void help_listsTheCompletionCommand() {
        Out help = hush("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("completion").contains("Print a shell completion script");
        assertThat(hush("completion", "--help").out()).contains("source <(hush completion bash)");
    }
}
