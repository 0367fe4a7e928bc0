package dev.hush.web.dashboard;

import java.util.List;
import java.util.Set;

/**
 * The environment matrix of a project: one row per key, one column per environment the caller may see, and
 * which cells hold a value. Values are not part of it: a cell's value is read only when revealed or copied. It also says
 * which environments the caller may read and write and whether they may change the project, so the page offers only
 * those actions (the use cases check every one again).
 */
public record Matrix(String org, String project, String projectName, List<String> environments, List<Row> rows, Set<String> readable,
                     Set<String> writable, boolean mayAdminister, boolean mayDelete) {
    /** A key, its description, and the environments it has a value in. */
    public record Row(String key, String description, Set<String> presentIn) {
        public boolean has(String env) { return presentIn.contains(env); }
    }

    /** How many keys have no value in {@code env}. */
    public long missing(String env) {
        return rows.stream().filter(r -> !r.has(env)).count();
    }

    public boolean mayRead(String env) { return readable.contains(env); }

    /** The environments values may be written to, in column order. */
    public List<String> writableEnvironments() { return environments.stream().filter(writable::contains).toList(); }

    /** The environments values may be read from, in column order. */
    public List<String> readableEnvironments() { return environments.stream().filter(readable::contains).toList(); }
}
