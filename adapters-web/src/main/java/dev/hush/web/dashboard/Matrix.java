package dev.hush.web.dashboard;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment matrix of a project: one row per key, one column per environment the caller may see, and
 * which cells hold a value. Values are not part of it: a cell's value is read only when revealed or copied.
 */
public record Matrix(String org, String project, String projectName, List<String> environments, List<Row> rows) {
    /** A key, its description, and the environments it has a value in. */
    public record Row(String key, String description, Set<String> presentIn) {
        public boolean has(String env) { return presentIn.contains(env); }
    }

    /** How many keys have no value in {@code env}. */
    public long missing(String env) {
        return rows.stream().filter(r -> !r.has(env)).count();
    }

    static Matrix of(String org, String project, String projectName, List<String> environments, Map<String, Row> rowsByKey) {
        return new Matrix(org, project, projectName, List.copyOf(environments), List.copyOf(rowsByKey.values()));
    }
}
