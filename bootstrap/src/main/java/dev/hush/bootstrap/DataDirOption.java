package dev.hush.bootstrap;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by the operator commands: the option, else {@code HUSH_DATA_DIR}, else {@code ./hush-data}. */
final class DataDirOption {
    @Option(names = "--data-dir", description = "data directory (default ./hush-data, or HUSH_DATA_DIR)")
    Path dataDir;

    Path dir() { return dataDir != null ? dataDir : Path.of(System.getenv().getOrDefault("HUSH_DATA_DIR", "hush-data")); }
}
