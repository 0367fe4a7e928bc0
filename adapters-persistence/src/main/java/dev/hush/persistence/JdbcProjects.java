package dev.hush.persistence;

import dev.hush.application.port.Projects;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Project;
import dev.hush.domain.tenant.ReadLevel;
import dev.hush.domain.tenant.Slug;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcProjects implements Projects {
    private final Jdbc jdbc;

    JdbcProjects(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public void insert(Project p, List<Environment> environments, WrappedKeyBlob dataKey) {
        jdbc.update("INSERT INTO projects (id, org_id, slug, name, key_version, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                p.id(), p.orgId(), p.slug().value(), p.name(), p.keyVersion(), p.createdAt());
        environments.forEach(this::insertEnvironment);
        jdbc.update("INSERT INTO project_keys (project_id, version, key_id, key_version, wrapped) VALUES (?, ?, ?, ?, ?)",
                p.id(), p.keyVersion(), dataKey.keyId(), dataKey.keyVersion(), dataKey.ciphertext());
    }

    @Override
    public Optional<Project> bySlug(UUID orgId, Slug slug) {
        return jdbc.one("SELECT * FROM projects WHERE org_id = ? AND slug = ?", JdbcProjects::map, orgId, slug.value());
    }

    @Override
    public List<Project> list(UUID orgId) {
        return jdbc.query("SELECT * FROM projects WHERE org_id = ? ORDER BY slug", JdbcProjects::map, orgId);
    }

    @Override
    public List<Environment> environments(UUID projectId) {
        return jdbc.query("SELECT * FROM environments WHERE project_id = ? ORDER BY CASE read_level WHEN 'dev' THEN 0 WHEN 'staging' THEN 1 ELSE 2 END, slug",
                JdbcProjects::mapEnv, projectId);
    }

    @Override
    public Optional<Environment> environment(UUID projectId, Slug slug) {
        return jdbc.one("SELECT * FROM environments WHERE project_id = ? AND slug = ?", JdbcProjects::mapEnv, projectId, slug.value());
    }

    @Override
    public Optional<Placement> placement(UUID orgId, Slug project, Slug environment) {
        return jdbc.one("SELECT p.*, e.id AS e_id, e.slug AS e_slug, e.name AS e_name, e.read_level AS e_read_level, " + Jdbc.revisionOf("e.id") + " AS e_revision "
                        + "FROM projects p JOIN environments e ON e.project_id = p.id WHERE p.org_id = ? AND p.slug = ? AND e.slug = ?",
                rs -> new Placement(map(rs), new Environment(Jdbc.uuid(rs, "e_id"), Jdbc.uuid(rs, "id"), new Slug(rs.getString("e_slug")),
                        rs.getString("e_name"), ReadLevel.parse("read_level", rs.getString("e_read_level"))), rs.getLong("e_revision")),
                orgId, project.value(), environment.value());
    }

    @Override
    public Optional<MemberPlacement> placementFor(UUID userId, Optional<UUID> orgId, Optional<Slug> orgSlug, Slug project, Slug environment) {
        return jdbc.one("SELECT o.id AS o_id, o.slug AS o_slug, o.name AS o_name, o.created_at AS o_created_at, m.role AS m_role, p.*, "
                        + "e.id AS e_id, e.slug AS e_slug, e.name AS e_name, e.read_level AS e_read_level, " + Jdbc.revisionOf("e.id") + " AS e_revision FROM memberships m "
                        + "JOIN organizations o ON o.id = m.org_id JOIN projects p ON p.org_id = o.id JOIN environments e ON e.project_id = p.id "
                        + "WHERE m.user_id = ? AND " + (orgId.isPresent() ? "o.id" : "o.slug") + " = ? AND p.slug = ? AND e.slug = ?",
                rs -> new MemberPlacement(new dev.hush.application.port.Organizations.Membership(
                        new dev.hush.domain.tenant.Organization(Jdbc.uuid(rs, "o_id"), new Slug(rs.getString("o_slug")), rs.getString("o_name"),
                                Jdbc.instant(rs, "o_created_at")), dev.hush.domain.access.Role.parse("role", rs.getString("m_role"))),
                        new Placement(map(rs), new Environment(Jdbc.uuid(rs, "e_id"), Jdbc.uuid(rs, "id"), new Slug(rs.getString("e_slug")),
                                rs.getString("e_name"), ReadLevel.parse("read_level", rs.getString("e_read_level"))), rs.getLong("e_revision"))),
                userId, orgId.<Object>map(id -> id).orElseGet(() -> orgSlug.orElseThrow().value()), project.value(), environment.value());
    }

    @Override
    public void insertEnvironment(Environment e) {
        jdbc.update("INSERT INTO environments (id, project_id, slug, name, read_level) VALUES (?, ?, ?, ?, ?)",
                e.id(), e.projectId(), e.slug().value(), e.name(), e.readLevel().wire());
    }

    @Override
    public Optional<WrappedKeyBlob> dataKey(UUID projectId, int version) {
        return jdbc.one("SELECT key_id, key_version, wrapped FROM project_keys WHERE project_id = ? AND version = ?",
                rs -> new WrappedKeyBlob(rs.getString(1), rs.getString(2), rs.getBytes(3)), projectId, version);
    }

    @Override
    public List<TemplateKey> templateKeys(UUID projectId) {
        return jdbc.query("SELECT name, description FROM template_keys WHERE project_id = ?",
                rs -> new TemplateKey(rs.getString(1), rs.getString(2)), projectId).stream()
                .sorted(java.util.Comparator.comparing(TemplateKey::key)).toList();
    }

    @Override
    public boolean addTemplateKey(UUID projectId, TemplateKey key, java.time.Instant now) {
        if (jdbc.count("SELECT COUNT(*) FROM template_keys WHERE project_id = ? AND name = ?", projectId, key.key()) > 0) {
            return false;
        }
        jdbc.update("INSERT INTO template_keys (project_id, name, description, created_at) VALUES (?, ?, ?, ?)",
                projectId, key.key(), key.description() == null ? Jdbc.NULL_STRING : key.description(), now);
        return true;
    }

    @Override
    public boolean removeTemplateKey(UUID projectId, String key) {
        return jdbc.update("DELETE FROM template_keys WHERE project_id = ? AND name = ?", projectId, key) == 1;
    }

    @Override
    public void delete(UUID projectId) {
        ProjectData.delete(jdbc, "?", projectId);
    }

    private static Project map(ResultSet rs) throws SQLException {
        return new Project(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "org_id"), new Slug(rs.getString("slug")), rs.getString("name"),
                rs.getInt("key_version"), Jdbc.instant(rs, "created_at"));
    }

    private static Environment mapEnv(ResultSet rs) throws SQLException {
        return new Environment(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "project_id"), new Slug(rs.getString("slug")), rs.getString("name"),
                ReadLevel.parse("read_level", rs.getString("read_level")));
    }
}
