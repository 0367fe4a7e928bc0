package dev.hush.domain.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DotEnvTest {
    @Test
    void parse_handlesQuotesExportsCommentsAndMultiLineValues() {
        String text = """
                # a comment
                export FIRST=plain value  # trailing comment
                QUOTED="with \\"escapes\\" and \\n a newline"
                SINGLE='literal \\n $HOME # not a comment'
                MULTI="line one
                line two"
                MULTI_SINGLE='a
                b'
                EMPTY=
                EMPTY_QUOTED=""
                HASH=value#not-a-comment
                  INDENTED = spaced out
                WINDOWS=crlf\r
                DOLLAR="cost \\$5"
                """;
        Map<String, String> v = DotEnv.parse(text);
        assertThat(v).containsEntry("FIRST", "plain value")
                .containsEntry("QUOTED", "with \"escapes\" and \n a newline")
                .containsEntry("SINGLE", "literal \\n $HOME # not a comment")
                .containsEntry("MULTI", "line one\nline two")
                .containsEntry("MULTI_SINGLE", "a\nb")
                .containsEntry("EMPTY", "")
                .containsEntry("EMPTY_QUOTED", "")
                .containsEntry("HASH", "value#not-a-comment")
                .containsEntry("INDENTED", "spaced out")
                .containsEntry("WINDOWS", "crlf")
                .containsEntry("DOLLAR", "cost $5");
        assertThat(v).hasSize(11);
    }

    @Test
    void parse_reportsTheLineOfAProblem() {
        assertThatThrownBy(() -> DotEnv.parse("A=1\nB=\"never closed\nC=3\n")).hasMessageContaining("line 2").hasMessageContaining("never closed");
        assertThatThrownBy(() -> DotEnv.parse("A=1\njust text\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> DotEnv.parse("A=1\nA=2\n")).hasMessageContaining("defined twice");
        assertThatThrownBy(() -> DotEnv.parse("9BAD=1\n")).hasMessageContaining("not a valid key");
        assertThatThrownBy(() -> DotEnv.parse("A=\"x\" trailing\n")).hasMessageContaining("after the closing quote");
    }

    @Test
    void format_thenParse_givesBackEveryValue_forRandomValues() {
        Random random = new Random(20261123);
        String alphabet = "abc XYZ 019 '\"\\$#=\n\r\t`!{}é✓";
        for (int round = 0; round < 500; round++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < 5; i++) {
                StringBuilder sb = new StringBuilder();
                int len = random.nextInt(20);
                for (int j = 0; j < len; j++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                values.put("K" + i, sb.toString());
            }
            assertThat(DotEnv.parse(DotEnv.format(values))).isEqualTo(values);
        }
    }

    @Test
    void anExportedFile_isSafeToSourceInAShell_nothingExpandsOrRuns() throws Exception {
        String hostile = "it's `touch /tmp/hush-dotenv-pwned` $(id) ${HOME} \\ \" end";
        java.nio.file.Path file = java.nio.file.Files.createTempFile("hush", ".env");
        java.nio.file.Files.writeString(file, DotEnv.format(Map.of("K", hostile)));
        Process sh = new ProcessBuilder("sh", "-c", ". " + file + "; printf %s \"$K\"").redirectErrorStream(true).start();
        String out = new String(sh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).isZero();
        assertThat(out).isEqualTo(hostile);
        assertThat(java.nio.file.Path.of("/tmp/hush-dotenv-pwned")).doesNotExist();
        assertThat(DotEnv.parse(java.nio.file.Files.readString(file))).containsEntry("K", hostile);
        java.nio.file.Files.delete(file);
    }

    @Test
    void randomInput_onlyEverFailsWithAParseError() {
        Random random = new Random(7);
        String alphabet = "AB=_ \n\"'\\#x$";
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < random.nextInt(40); j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                DotEnv.parse(sb.toString());
            } catch (DotEnv.ParseError expected) {
                // fine: a clear error with a line number
            }
        }
    }
}
