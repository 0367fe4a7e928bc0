package dev.hush.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.domain.access.Role;
import dev.hush.domain.access.User;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.secret.Tags;
import dev.hush.domain.tenant.ReadLevel;
import dev.hush.domain.tenant.Slug;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainRulesTest {
    @Test
    void secretKey_shape() {
        for (String ok : List.of("A", "_x", ".env", "-dash", "DATABASE_URL", "a.b-c_9", "K".repeat(256))) {
            assertThat(new SecretKey(ok).value()).isEqualTo(ok);
        }
        for (String bad : List.of("", "9LIVES", "has space", "semi;colon", "K".repeat(257), "ü", "a|b")) {
            assertThatThrownBy(() -> new SecretKey(bad)).isInstanceOf(Rejection.class);
        }
        assertThatThrownBy(() -> new SecretKey(null)).isInstanceOf(Rejection.class);
    }

    @Test
    void value_limitIs64KiBOfUtf8() {
        assertThat(SecretValue.of("value", "x".repeat(65536)).utf8()).hasSize(65536);
        assertThatThrownBy(() -> SecretValue.of("value", "x".repeat(65537))).isInstanceOf(Rejection.class);
        // 3 bytes per char: 21846 chars = 65538 bytes
        assertThatThrownBy(() -> SecretValue.of("value", "€".repeat(21846))).isInstanceOf(Rejection.class);
    }

    @Test
    void value_bytesMustBeUtf8_asciiOrNot() {
        assertThat(SecretValue.ofUtf8("v", "plain ascii".getBytes(java.nio.charset.StandardCharsets.UTF_8)).text()).isEqualTo("plain ascii");
        assertThat(SecretValue.ofUtf8("v", "pâté €".getBytes(java.nio.charset.StandardCharsets.UTF_8)).text()).isEqualTo("pâté €");
        assertThatThrownBy(() -> SecretValue.ofUtf8("v", new byte[] {'a', (byte) 0xC3})).isInstanceOf(Rejection.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> SecretValue.ofUtf8("v", new byte[] {(byte) 0xFF, 'a'})).isInstanceOf(Rejection.class);
    }

    @Test
    void preview_showsAtMostFourCharacters() {
        assertThat(SecretValue.of("v", "sk_test_12345").preview()).isEqualTo("sk_t••••••");
        assertThat(SecretValue.of("v", "abcdef").preview()).isEqualTo("ab••••••");
        assertThat(SecretValue.of("v", "ab").preview()).isEqualTo("••••••");
        assertThat(SecretValue.of("v", "").preview()).isEqualTo("••••••");
        assertThat(SecretValue.of("v", "zq-canary-77").toString()).doesNotContain("canary");
    }

    @Test
    void roles_readLevels_asInTheMatrix() {
        assertThat(Role.OWNER.canRead(ReadLevel.PROD)).isTrue();
        assertThat(Role.ADMIN.canRead(ReadLevel.PROD)).isTrue();
        assertThat(Role.DEVELOPER.canRead(ReadLevel.STAGING)).isTrue();
        assertThat(Role.DEVELOPER.canRead(ReadLevel.PROD)).isFalse();
        assertThat(Role.VIEWER.canRead(ReadLevel.DEV)).isTrue();
        assertThat(Role.VIEWER.canRead(ReadLevel.STAGING)).isFalse();
        assertThat(Role.VIEWER.canWriteSecrets()).isFalse();
        assertThat(Role.DEVELOPER.canWriteSecrets()).isTrue();
        assertThat(Role.DEVELOPER.canAdminister()).isFalse();
        assertThat(Role.ADMIN.isOwner()).isFalse();
    }

    @Test
    void tags_and_slugs_and_emails() {
        assertThat(Tags.of("tags", List.of("b", "a", "b")).values()).containsExactly("a", "b");
        assertThatThrownBy(() -> Tags.of("tags", List.of("a,b"))).isInstanceOf(Rejection.class);
        assertThat(Slug.derive("Ada Lovelace!").value()).isEqualTo("ada-lovelace");
        assertThatThrownBy(() -> new Slug("Upper")).isInstanceOf(Rejection.class);
        assertThat(User.normalizeEmail("  Ada@EXAMPLE.com ")).isEqualTo("ada@example.com");
        assertThat(User.normalizeEmail("ＡＤＡ@example.com")).isEqualTo("ada@example.com");
        assertThatThrownBy(() -> User.normalizeEmail("not-an-email")).isInstanceOf(Rejection.class);
    }
}
