package dev.hush.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: domain and application import no framework and do no I/O of their own. */
class ArchitectureTest {
    private static final Pattern FRAMEWORK = Pattern.compile(
            "^import (static )?(io\\.micronaut|jakarta\\.|javax\\.inject|javax\\.sql|java\\.sql|org\\.slf4j|com\\.fasterxml|io\\.netty|dev\\.hush\\.(web|persistence|kms|billing|bootstrap))\\b.*",
            Pattern.MULTILINE);
    private static final Pattern DOMAIN_EXTRA = Pattern.compile(
            "^import (static )?(java\\.io|java\\.nio\\.file|java\\.net|org\\.bouncycastle|dev\\.hush\\.application)\\b.*", Pattern.MULTILINE);

    @Test
    void domain_importsNoFrameworkAndNoIo() throws IOException {
        assertThat(violations(Path.of("../domain/src/main/java"), FRAMEWORK, DOMAIN_EXTRA)).isEmpty();
    }

    @Test
    void application_importsNoFramework() throws IOException {
        assertThat(violations(Path.of("../application/src/main/java"), FRAMEWORK)).isEmpty();
    }

    @Test
    void kmsSpi_dependsOnThePlainJdkOnly() throws IOException {
        assertThat(violations(Path.of("../adapters-kms/kms-spi/src/main/java"), FRAMEWORK,
                Pattern.compile("^import (static )?dev\\.hush\\.(domain|application)\\b.*", Pattern.MULTILINE))).isEmpty();
    }

    private static List<String> violations(Path root, Pattern... forbidden) throws IOException {
        assertThat(root).isDirectory();
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                for (Pattern p : forbidden) {
                    var m = p.matcher(src);
                    while (m.find()) {
                        out.add(root.relativize(f) + ": " + m.group());
                    }
                }
            }
        }
        return out;
    }
}
