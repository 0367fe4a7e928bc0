package dev.hush.application.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.domain.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hash_isArgon2id_withOwaspParameters_andVerifies() {
        String phc = hasher.hash("correct horse battery staple".toCharArray());
        assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct");
        assertThat(hasher.verify("correct horse battery staple".toCharArray(), phc)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl".toCharArray(), phc)).isFalse();
        assertThat(hasher.hash("x1234567".toCharArray())).isNotEqualTo(hasher.hash("x1234567".toCharArray()));
    }

    @Test
    void longPasswords_areNotTruncated() {
        String base = "p".repeat(200);
        String phc = hasher.hash((base + "A").toCharArray());
        assertThat(hasher.verify((base + "A").toCharArray(), phc)).isTrue();
        assertThat(hasher.verify((base + "B").toCharArray(), phc)).isFalse();
    }

    @Test
    void argon2Primitive_matchesRfc9106TestVector() {
        // RFC 9106 section 5.3 (Argon2id) test vector, through the primitive PasswordHasher uses.
        byte[] password = new byte[32];
        java.util.Arrays.fill(password, (byte) 1);
        byte[] salt = new byte[16];
        java.util.Arrays.fill(salt, (byte) 2);
        byte[] secret = new byte[8];
        java.util.Arrays.fill(secret, (byte) 3);
        byte[] ad = new byte[12];
        java.util.Arrays.fill(ad, (byte) 4);
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32).withIterations(3).withParallelism(4).withSalt(salt).withSecret(secret).withAdditional(ad).build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] tag = new byte[32];
        gen.generateBytes(password, tag);
        assertThat(Hex.toHexString(tag)).isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void verify_acceptsAHashMadeIndependently() {
        // A PHC string built here directly with the primitive, not by PasswordHasher.
        byte[] salt = "saltsaltsaltsalt".getBytes(StandardCharsets.US_ASCII);
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19456).withIterations(2).withParallelism(1).withSalt(salt).build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[32];
        gen.generateBytes("hunter2hunter2".getBytes(StandardCharsets.UTF_8), out);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String phc = "$argon2id$v=19$m=19456,t=2,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
        assertThat(hasher.verify("hunter2hunter2".toCharArray(), phc)).isTrue();
    }

    @Test
    void policy_refusesShortPasswords() {
        assertThatThrownBy(() -> PasswordHasher.checkPolicy("short")).isInstanceOf(Rejection.class);
        PasswordHasher.checkPolicy("long enough");
    }
}
