package dev.hush.kms.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.application.port.KeyIntegrityException;
import dev.hush.domain.Rejection;
import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.RootKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootKeyProvidersTest {
    @TempDir
    Path dir;

    @Test
    void open_readsTheProvidersSettings_andOpensIt() throws Exception {
        Path file = dir.resolve("elsewhere.key");
        Map<String, String> settings = Map.of("hush.kms.local.path", file.toString());
        try (RootKey key = RootKeyProviders.open("local", name -> Optional.ofNullable(settings.get(name)), dir, Map.of())) {
            assertThat(key.keyId()).isNotBlank();
        }
        assertThat(file).exists();
        assertThat(Files.exists(dir.resolve("root.key"))).isFalse();
    }

    @Test
    void open_validatesBeforeOpening_anUnknownKeyIsRefused_andNothingIsCreated() {
        assertThatThrownBy(() -> RootKeyProviders.open("local", name -> Optional.empty(), dir, Map.of("colour", "blue")))
                .isInstanceOfSatisfying(KmsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(KmsException.Kind.MISCONFIGURED);
                    assertThat(e.getMessage()).contains("colour");
                });
        assertThat(dir.resolve("root.key")).doesNotExist();
    }

    @Test
    void open_unknownType_namesTheAvailableOnes() {
        assertThatThrownBy(() -> RootKeyProviders.open("azure", name -> Optional.empty(), dir, Map.of()))
                .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.getMessage()).contains("azure").contains("local"));
    }

    @Test
    void verify_anotherKeyWrappedTheStoredKeys_isRefusedWithTheWayOut() {
        RootKeyCheck.verify("k1", List.of("k1", "k1"));
        assertThatThrownBy(() -> RootKeyCheck.verify("k1", List.of("k1", "k0")))
                .isInstanceOf(RootKeyCheck.RootKeyMismatch.class).hasMessageContaining("k0").hasMessageContaining("hush kms migrate");
    }

    @Test
    void translate_integrityStaysIntegrity_outagesAre503() {
        assertThat(SpiRootKeys.translate(new KmsException(KmsException.Kind.INTEGRITY, "x"))).isInstanceOf(KeyIntegrityException.class);
        assertThat(SpiRootKeys.translate(new KmsException(KmsException.Kind.THROTTLED, "x")))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("kms_unavailable"));
        assertThat(SpiRootKeys.translate(new KmsException(KmsException.Kind.ACCESS_DENIED, "secret detail")))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.code()).isEqualTo("kms_error");
                    assertThat(r.getMessage()).doesNotContain("secret detail");
                });
    }
}
