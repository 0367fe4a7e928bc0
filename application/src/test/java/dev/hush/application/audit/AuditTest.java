package dev.hush.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.application.auth.Client;
import dev.hush.application.fakes.World;
import dev.hush.domain.audit.AuditEvent;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditTest {
    private final World world = new World();

    @Test
    void recordWithin_chainsEventsAndVerifies() {
        UUID chain = UUID.randomUUID();
        world.tx.write(() -> {
            world.audit.recordWithin(chain, Optional.empty(), new Client("192.0.2.1", "ua"), "a.one", "r", null);
            world.audit.recordWithin(chain, Optional.empty(), Client.UNKNOWN, "a.two", "r", "d");
            return null;
        });

        var events = world.auditLog.events(chain);
        assertThat(events).extracting(AuditEvent::seq).containsExactly(1L, 2L);
        assertThat(events.get(0).verify(AuditEvent.GENESIS)).isTrue();
        assertThat(events.get(1).verify(events.get(0).hash())).isTrue();
        assertThat(world.tx.read(() -> ReadAudit.walk(world.auditLog, chain)).valid()).isTrue();
    }

    @Test
    void record_inATransactionThatFails_leavesNoEvent_recordAloneDoes() {
        UUID chain = UUID.randomUUID();
        assertThatThrownBy(() -> world.tx.write(() -> {
            world.audit.recordWithin(chain, Optional.empty(), Client.UNKNOWN, "a.lost", "r", null);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(world.auditLog.events(chain)).isEmpty();

        world.audit.recordAlone(chain, Optional.empty(), Client.UNKNOWN, "auth.login", "r", "failure", null);
        assertThat(world.auditLog.events(chain)).singleElement().satisfies(e -> assertThat(e.result()).isEqualTo("failure"));
    }
}
