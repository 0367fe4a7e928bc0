package dev.hush.application.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.application.port.KeyIntegrityException;
import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    final KeyFixtures keys = new KeyFixtures();
    final SecretCipher cipher = new SecretCipher(keys.hierarchy);
    final UUID org = UUID.randomUUID();
    final UUID project = UUID.randomUUID();

    SecretCipherTest() {
        keys.project(org, project, 2);
    }

    SecretCipher.Place place(String key) {
        return new SecretCipher.Place(org, project, UUID.nameUUIDFromBytes("dev".getBytes(StandardCharsets.UTF_8)), new SecretKey(key));
    }

    @Test
    void encrypt_thenDecrypt_roundTrips() {
        EncryptedValue e = cipher.encrypt(place("API_KEY"), 1, 1, SecretValue.of("value", "sk_live_ünïcødé"));
        try (SecretValue v = cipher.decrypt(place("API_KEY"), 1, e)) {
            assertThat(v.text()).isEqualTo("sk_live_ünïcødé");
        }
        assertThat(SecretCipher.keyVersionOf(e)).isEqualTo(1);
    }

    @Test
    void envelope_opensWithBouncyCastleGcm_anIndependentImplementation() throws Exception {
        byte[] plain = "postgres://user:pw@host/db".getBytes(StandardCharsets.UTF_8);
        EncryptedValue e = cipher.encrypt(place("DATABASE_URL"), 3, 2, SecretValue.ofUtf8("value", plain.clone()));
        byte[] blob = e.bytes();
        // Documented format: 0x01 | int32 key version | 12-byte nonce | ciphertext+tag; AAD as documented.
        assertThat(blob[0]).isEqualTo((byte) 1);
        assertThat(ByteBuffer.wrap(blob, 1, 4).getInt()).isEqualTo(2);
        byte[] nonce = Arrays.copyOfRange(blob, 5, 17);
        byte[] ct = Arrays.copyOfRange(blob, 17, blob.length);
        String aad = "hush/value/v1|" + org + "|" + project + "|" + place("DATABASE_URL").environmentId() + "|DATABASE_URL|3|2";
        byte[] dek = keys.hierarchy.projectKey(org, project, 2);

        GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(dek), 128, nonce, aad.getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[gcm.getOutputSize(ct.length)];
        int n = gcm.processBytes(ct, 0, ct.length, out, 0);
        n += gcm.doFinal(out, n);
        assertThat(Arrays.copyOf(out, n)).isEqualTo(plain);
    }

    @Test
    void ciphertext_movedToAnyOtherPlaceVersionOrKeyVersion_failsWithIntegrity() {
        Random random = new Random(42);
        List<SecretCipher.Place> places = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            places.add(new SecretCipher.Place(org, project, UUID.randomUUID(), new SecretKey("K" + i)));
        }
        for (int round = 0; round < 200; round++) {
            SecretCipher.Place from = places.get(random.nextInt(places.size()));
            SecretCipher.Place to = places.get(random.nextInt(places.size()));
            int version = 1 + random.nextInt(3);
            int otherVersion = 1 + random.nextInt(3);
            EncryptedValue e = cipher.encrypt(from, version, 1, SecretValue.of("value", "v" + round));
            if (from.equals(to) && version == otherVersion) {
                try (SecretValue v = cipher.decrypt(to, otherVersion, e)) {
                    assertThat(v.text()).isEqualTo("v" + round);
                }
            } else {
                assertThatThrownBy(() -> cipher.decrypt(to, otherVersion, e)).isInstanceOf(KeyIntegrityException.class)
                        .hasMessage("integrity check failed");
            }
        }
        // Another project of the same organization, and the same project under another data key version.
        UUID otherProject = UUID.randomUUID();
        keys.project(org, otherProject, 1);
        EncryptedValue e = cipher.encrypt(place("A"), 1, 1, SecretValue.of("value", "x"));
        var moved = new SecretCipher.Place(org, otherProject, place("A").environmentId(), new SecretKey("A"));
        assertThatThrownBy(() -> cipher.decrypt(moved, 1, e)).isInstanceOf(KeyIntegrityException.class);
        byte[] relabeled = e.bytes();
        relabeled[4] = 2; // claim key version 2
        assertThatThrownBy(() -> cipher.decrypt(place("A"), 1, new EncryptedValue(relabeled))).isInstanceOf(KeyIntegrityException.class);
    }

    @Test
    void anyFlippedBit_orTruncation_failsWithIntegrity() {
        EncryptedValue e = cipher.encrypt(place("A"), 1, 1, SecretValue.of("value", "hello world"));
        byte[] blob = e.bytes();
        for (int i = 5; i < blob.length; i++) {
            byte[] t = blob.clone();
            t[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.decrypt(place("A"), 1, new EncryptedValue(t))).isInstanceOf(KeyIntegrityException.class);
        }
        assertThatThrownBy(() -> cipher.decrypt(place("A"), 1, new EncryptedValue(Arrays.copyOf(blob, 20))))
                .isInstanceOf(KeyIntegrityException.class);
        assertThatThrownBy(() -> cipher.decrypt(place("A"), 1, new EncryptedValue(new byte[0]))).isInstanceOf(KeyIntegrityException.class);
    }

    @Test
    void sameValueTwice_givesDifferentCiphertexts() {
        EncryptedValue a = cipher.encrypt(place("A"), 1, 1, SecretValue.of("value", "same"));
        EncryptedValue b = cipher.encrypt(place("A"), 1, 1, SecretValue.of("value", "same"));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void rekeying_reencryptsToTheTargetVersion_andTheResultOpensLikeAnyValue() {
        UUID user = UUID.randomUUID();
        EncryptedValue shared = cipher.encrypt(place("A"), 3, 1, SecretValue.of("value", "shared"));
        EncryptedValue personal = cipher.encryptPersonal(place("A"), user, 1, SecretValue.of("value", "mine"));

        EncryptedValue sharedAgain;
        EncryptedValue personalAgain;
        try (SecretCipher.Rekeying rekeying = cipher.rekeying(org, project, List.of(1), 2)) {
            sharedAgain = rekeying.reencrypt(place("A"), 3, shared);
            try (SecretCipher.Rekeying other = rekeying.copy()) {
                personalAgain = other.reencryptPersonal(place("A"), user, personal);
            }
        }

        assertThat(SecretCipher.keyVersionOf(sharedAgain)).isEqualTo(2);
        assertThat(SecretCipher.keyVersionOf(personalAgain)).isEqualTo(2);
        try (SecretValue v = cipher.decrypt(place("A"), 3, sharedAgain); SecretValue p = cipher.decryptPersonal(place("A"), user, personalAgain)) {
            assertThat(v.text()).isEqualTo("shared");
            assertThat(p.text()).isEqualTo("mine");
        }
        assertThatThrownBy(() -> cipher.decrypt(place("A"), 2, sharedAgain)).as("still bound to its version").isInstanceOf(KeyIntegrityException.class);
    }

    @Test
    void rekeying_wrongPlaceVersionOrKeyVersion_failsWithIntegrity_andClosedRefuses() {
        EncryptedValue e = cipher.encrypt(place("A"), 1, 1, SecretValue.of("value", "x"));
        SecretCipher.Rekeying rekeying = cipher.rekeying(org, project, List.of(1), 2);
        assertThatThrownBy(() -> rekeying.reencrypt(place("B"), 1, e)).isInstanceOf(KeyIntegrityException.class);
        assertThatThrownBy(() -> rekeying.reencrypt(place("A"), 2, e)).isInstanceOf(KeyIntegrityException.class);
        assertThatThrownBy(() -> rekeying.reencryptPersonal(place("A"), UUID.randomUUID(), e)).isInstanceOf(KeyIntegrityException.class);
        byte[] tampered = e.bytes();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> rekeying.reencrypt(place("A"), 1, new EncryptedValue(tampered))).isInstanceOf(KeyIntegrityException.class);
        // Made with version 2, which this rekeying was not given as a source.
        EncryptedValue current = cipher.encrypt(place("A"), 1, 2, SecretValue.of("value", "x"));
        assertThatThrownBy(() -> rekeying.reencrypt(place("A"), 1, current)).isInstanceOf(KeyIntegrityException.class);
        var elsewhere = new SecretCipher.Place(UUID.randomUUID(), project, place("A").environmentId(), new SecretKey("A"));
        assertThatThrownBy(() -> rekeying.reencrypt(elsewhere, 1, e)).isInstanceOf(IllegalArgumentException.class);

        rekeying.close();
        assertThatThrownBy(() -> rekeying.reencrypt(place("A"), 1, e)).isInstanceOf(IllegalStateException.class);
        assertThat(rekeying.toString()).doesNotContain("[B@");
    }
}
