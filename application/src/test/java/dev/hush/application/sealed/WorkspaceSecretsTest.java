package dev.hush.application.sealed;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.crypto.X25519Box;
import dev.hush.application.fakes.World;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkspaceSecretsTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");
    private final X25519Box.KeyPair client = X25519Box.generate();

    private String open(WorkspaceSecrets.Boxed boxed) {
        byte[] shared = X25519Box.sharedKey(client.privateKey(), boxed.serverPublicKey()).orElseThrow();
        return new String(X25519Box.open(shared, boxed.nonce(), boxed.ciphertext()).orElseThrow(), StandardCharsets.UTF_8);
    }

    private WorkspaceSecrets.NewValue seal(String value, WorkspaceSecrets.Scope scope) {
        var key = world.workspaceSecrets.issueKey(acme.developer(), "acme");
        byte[] shared = X25519Box.sharedKey(client.privateKey(), key.publicKey()).orElseThrow();
        var sealed = X25519Box.seal(shared, value.getBytes(StandardCharsets.UTF_8));
        return new WorkspaceSecrets.NewValue(sealed.ciphertext(), sealed.nonce(), client.publicKey(), key.keyId(), scope);
    }

    @Test
    void listGetRead_givesUrisAndTheValueEncryptedForTheClient() {
        world.set(acme.owner(), acme, "dev", "DB_URL", "postgres://dev");
        world.set(acme.owner(), acme, "prod", "DB_URL", "postgres://prod");

        var page = world.workspaceSecrets.list(acme.developer(), "acme", "api/", 0, 10);
        assertThat(page.items()).extracting(WorkspaceSecrets.Located::uri).containsExactly("api/dev/DB_URL", "api/prod/DB_URL");
        String id = page.items().get(0).secret().id().toString();

        var boxed = world.workspaceSecrets.readValue(acme.developer(), "acme", id, new WorkspaceSecrets.Handshake(client.publicKey(), Optional.empty()),
                Optional.empty());

        assertThat(open(boxed)).isEqualTo("postgres://dev");
        assertThat(world.auditActions(acme.org())).last().isEqualTo("secret.read");
        String prodId = page.items().get(1).secret().id().toString();
        rejected("forbidden", () -> world.workspaceSecrets.readValue(acme.developer(), "acme", prodId,
                new WorkspaceSecrets.Handshake(client.publicKey(), Optional.empty()), Optional.empty()));
    }

    @Test
    void setValue_workspaceScope_writesANewVersion_principalScope_onlyForTheCaller() {
        world.set(acme.owner(), acme, "dev", "K", "shared");
        String id = world.workspaceSecrets.list(acme.owner(), "acme", "", 0, 10).items().get(0).secret().id().toString();

        world.workspaceSecrets.setValue(acme.developer(), "acme", id, seal("updated", WorkspaceSecrets.Scope.WORKSPACE));
        world.workspaceSecrets.setValue(acme.developer(), "acme", id, seal("mine", WorkspaceSecrets.Scope.PRINCIPAL));

        assertThat(world.storedValue(acme, "dev", "K")).contains("updated");
        assertThat(world.overrides.size()).isEqualTo(1);
        var hs = new WorkspaceSecrets.Handshake(client.publicKey(), Optional.empty());
        assertThat(open(world.workspaceSecrets.readValue(acme.developer(), "acme", id, hs, Optional.empty()))).isEqualTo("mine");
        assertThat(open(world.workspaceSecrets.readValue(acme.owner(), "acme", id, hs, Optional.empty()))).isEqualTo("updated");
        rejected("secret_value_not_found", () -> world.workspaceSecrets.readValue(acme.owner(), "acme", id, hs,
                Optional.of(WorkspaceSecrets.Scope.PRINCIPAL)));
    }

    @Test
    void setValue_expiredServerKeyOrViewer_isRefusedAndWritesNothing() {
        world.set(acme.owner(), acme, "dev", "K", "shared");
        String id = world.workspaceSecrets.list(acme.owner(), "acme", "", 0, 10).items().get(0).secret().id().toString();
        var value = seal("late", WorkspaceSecrets.Scope.WORKSPACE);
        world.clock.advance(Duration.ofMinutes(6));

        rejected("key_expired", () -> world.workspaceSecrets.setValue(acme.developer(), "acme", id, value));
        rejected("forbidden", () -> world.workspaceSecrets.setValue(acme.viewer(), "acme", id, seal("x", WorkspaceSecrets.Scope.WORKSPACE)));
        assertThat(world.storedValue(acme, "dev", "K")).contains("shared");
    }

    @Test
    void readValue_overHourlyLimit_isRateLimited() {
        world.set(acme.owner(), acme, "dev", "K", "v");
        String id = world.workspaceSecrets.list(acme.owner(), "acme", "", 0, 10).items().get(0).secret().id().toString();
        var hs = new WorkspaceSecrets.Handshake(client.publicKey(), Optional.empty());
        for (int i = 0; i < 100; i++) {
            world.workspaceSecrets.readValue(acme.owner(), "acme", id, hs, Optional.empty());
        }

        rejected("rate_limited", () -> world.workspaceSecrets.readValue(acme.owner(), "acme", id, hs, Optional.empty()));
        rejected("organization_not_found", () -> world.workspaceSecrets.get(World.session(world.user("x@example.com")), "acme", id));
        rejected("secret_not_found", () -> world.workspaceSecrets.get(acme.owner(), "acme", java.util.UUID.randomUUID().toString()));
    }
}
