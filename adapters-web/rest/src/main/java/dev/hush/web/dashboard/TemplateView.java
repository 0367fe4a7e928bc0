package dev.hush.web.dashboard;

import java.util.List;

/**
 * A project's template page: the required keys, whether the caller may change them (the use case checks again),
 * and each environment the caller may see checked against them: the keys missing there and those it has beyond.
 */
public record TemplateView(String org, String project, String projectName, List<Key> keys, boolean editable, List<Check> checks, String done) {
    public record Key(String key, String description) {}

    public record Check(String env, boolean valid, List<String> missing, List<String> extra) {}
}
