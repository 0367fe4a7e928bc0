package dev.hush.application.audit;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.application.port.AuditLog;
import dev.hush.domain.audit.AuditEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadAuditTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void query_byAdmin_pagesNewestFirstAndFiltersByActionPrefix() {
        world.set(acme.owner(), acme, "dev", "A", "1");
        world.set(acme.owner(), acme, "dev", "A", "2");

        var page = world.readAudit.query(acme.admin(), "acme", new AuditLog.Filter(Optional.of("secret."), Optional.empty(), Optional.empty(),
                Optional.empty()), 1, 0);

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.events()).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo("secret.updated"));
    }

    @Test
    void verify_intactChain_isValid_tamperedChain_isBrokenAtTheEvent() {
        world.set(acme.owner(), acme, "dev", "A", "1");
        world.set(acme.owner(), acme, "dev", "B", "2");
        assertThat(world.readAudit.verify(acme.owner(), "acme").valid()).isTrue();

        AuditEvent second = world.auditLog.events(acme.org().id()).get(1);
        world.auditLog.tamper(new AuditEvent(second.chain(), second.seq(), second.at(), second.actorUser(), second.actorToken(), "secret.read",
                second.resource(), second.result(), second.clientIp(), second.userAgent(), second.detail(), second.prevHash(), second.hash()));

        var v = world.readAudit.verify(acme.owner(), "acme");
        assertThat(v.valid()).isFalse();
        assertThat(v.brokenAt()).contains(2L);
    }

    @Test
    void query_byDeveloper_isForbidden() {
        rejected("forbidden", () -> world.readAudit.query(acme.developer(), "acme", AuditLog.Filter.NONE, null, null));
        rejected("validation_failed", () -> world.readAudit.query(acme.owner(), "acme", AuditLog.Filter.NONE, 501, null));
    }
}
