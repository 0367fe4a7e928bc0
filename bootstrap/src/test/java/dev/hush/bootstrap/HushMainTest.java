package dev.hush.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HushMainTest {
    @Test
    void version_isTheBuildsProjectVersion_asTheCliPrintsIt() throws Exception {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new HushMain()).setOut(new PrintWriter(out)).execute("--version");

        assertThat(code).isZero();
        assertThat(out.toString().strip()).isEqualTo("hush " + new HushMain.Version().getVersion()[0].substring(5))
                .matches("hush \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
