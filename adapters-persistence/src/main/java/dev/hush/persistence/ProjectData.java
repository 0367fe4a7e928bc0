package dev.hush.persistence;

/** Deletes projects with everything below them, children first (the same on every database, whatever its cascades). */
final class ProjectData {
    private ProjectData() {}

    /** {@code projectIds} is SQL yielding the project ids, with one parameter: {@code "?"} or a sub-select. */
    static void delete(Jdbc jdbc, String projectIds, Object arg) {
        String in = " IN (" + projectIds + ")";
        jdbc.update("DELETE FROM secret_overrides WHERE secret_id IN (SELECT id FROM secrets WHERE project_id" + in + ")", arg);
        jdbc.update("DELETE FROM secret_versions WHERE secret_id IN (SELECT id FROM secrets WHERE project_id" + in + ")", arg);
        jdbc.update("DELETE FROM secrets WHERE project_id" + in, arg);
        jdbc.update("DELETE FROM environments WHERE project_id" + in, arg);
        jdbc.update("DELETE FROM template_keys WHERE project_id" + in, arg);
        jdbc.update("DELETE FROM key_rotations WHERE project_id" + in, arg);
        jdbc.update("DELETE FROM project_keys WHERE project_id" + in, arg);
        jdbc.update("DELETE FROM projects WHERE id" + in, arg);
    }
}
