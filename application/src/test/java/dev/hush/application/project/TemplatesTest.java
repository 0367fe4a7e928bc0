package dev.hush.application.project;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void addListValidate_reportsMissingAndExtraKeys() {
        world.templates.add(acme.admin(), "acme", "api", "DB_URL", "the database");
        world.templates.add(acme.admin(), "acme", "api", "API_KEY", null);
        world.set(acme.owner(), acme, "dev", "DB_URL", "x");
        world.set(acme.owner(), acme, "dev", "EXTRA", "y");
        world.set(acme.owner(), acme, "dev", "API_KEY", null);

        assertThat(world.templates.list(acme.viewer(), "acme", "api")).extracting(Projects_TemplateKey::key).containsExactly("API_KEY", "DB_URL");
        var v = world.templates.validate(acme.viewer(), "acme", "api", "dev");

        assertThat(v.valid()).isFalse();
        assertThat(v.missing()).containsExactly("API_KEY");
        assertThat(v.extra()).containsExactly("EXTRA");
        assertThat(world.auditActions(acme.org())).contains("template.key_added");
    }

    @Test
    void add_twice_isConflict_remove_unknown_isNotFound() {
        world.templates.add(acme.owner(), "acme", "api", "K", null);

        rejected("template_key_exists", () -> world.templates.add(acme.owner(), "acme", "api", "K", null));
        world.templates.remove(acme.owner(), "acme", "api", "K");
        assertThat(world.templates.list(acme.owner(), "acme", "api")).isEmpty();
        rejected("template_key_not_found", () -> world.templates.remove(acme.owner(), "acme", "api", "K"));
    }

    @Test
    void add_byDeveloper_isForbidden() {
        rejected("forbidden", () -> world.templates.add(acme.developer(), "acme", "api", "K", null));
        rejected("validation_failed", () -> world.templates.add(acme.owner(), "acme", "api", "K", "x".repeat(1001)));
        assertThat(world.templates.list(acme.owner(), "acme", "api")).isEmpty();
    }

    /** The port's record, named for the extractor above. */
    interface Projects_TemplateKey {
        static String key(dev.hush.application.port.Projects.TemplateKey k) { return k.key(); }
    }
}
