package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The CLI's sealed writes: the X25519 form when the server publishes an X25519 key (opened here as the server
 * does, from docs/api.md), the RSA form otherwise. The server's side of the same exchange runs in
 * CliEndToEndTest.
 */
class SealingTest {
    static final String ORG_ID = "4f1c2a9e-0000-4000-8000-000000000001";

    @Test
    void toOrg_withAnX25519Key_sealsForThatSecretOnly() throws Exception {
        KeyPair org = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        String orgRaw = Base64.getEncoder().encodeToString(raw(org));
        var sealer = new Sealing.ToOrg(Map.of("orgId", ORG_ID, "x25519PublicKey", orgRaw, "publicKeyPem", "unused"), "web", "prod");

        Map<String, Object> fields = sealer.seal("DB_URL", "postgres://cli-x25519");

        assertThat(fields).containsEntry("sealed", true).containsEntry("algorithm", "X25519-SHA256-A256GCM").doesNotContainKey("encryptedKey");
        assertThat(open(org, fields, "hush/seal/x25519/v1|" + ORG_ID + "|web|prod|DB_URL")).isEqualTo("postgres://cli-x25519");
        assertThatThrownBy(() -> open(org, fields, "hush/seal/x25519/v1|" + ORG_ID + "|web|dev|DB_URL")).isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> open(org, fields, "hush/seal/x25519/v1|" + ORG_ID + "|web|prod|OTHER")).isInstanceOf(AEADBadTagException.class);
        assertThat(sealer.seal("DB_URL", "postgres://cli-x25519").get("ephemeralPublicKey")).as("a fresh key per value")
                .isNotEqualTo(fields.get("ephemeralPublicKey"));
    }

    @Test
    void toOrg_withoutAnX25519Key_sealsWithRsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(3072);
        KeyPair org = g.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(org.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";

        Map<String, Object> fields = new Sealing.ToOrg(Map.of("publicKeyPem", pem, "algorithm", "RSA-OAEP-256"), "web", "prod").seal("K", "rsa-value");

        assertThat(fields).containsEntry("sealed", true).doesNotContainKeys("algorithm", "ephemeralPublicKey");
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, org.getPrivate(), new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        assertThat(new String(rsa.doFinal(Base64.getDecoder().decode((String) fields.get("encryptedValue"))), StandardCharsets.UTF_8))
                .isEqualTo("rsa-value");
    }

    @Test
    void toOrg_withAnUnusableX25519Key_failsAsAServerError() {
        for (String bad : new String[] {"AAAA", Base64.getEncoder().encodeToString(new byte[32]), "not base64!"}) {
            assertThatThrownBy(() -> new Sealing.ToOrg(Map.of("orgId", ORG_ID, "x25519PublicKey", bad), "web", "dev").seal("K", "v"))
                    .as(bad).isInstanceOfSatisfying(Failure.class, f -> assertThat(f.exitCode).isEqualTo(Failure.SERVER));
        }
    }

    /** The server's side, written from docs/api.md. */
    static String open(KeyPair org, Map<String, Object> fields, String associatedData) throws Exception {
        byte[] ephemeral = Base64.getDecoder().decode((String) fields.get("ephemeralPublicKey"));
        KeyAgreement ka = KeyAgreement.getInstance("X25519");
        ka.init(org.getPrivate());
        ka.doPhase(KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(
                HexFormat.of().parseHex("302a300506032b656e032100" + HexFormat.of().formatHex(ephemeral)))), true);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("hush/seal/x25519/v1".getBytes(StandardCharsets.US_ASCII));
        sha.update(ka.generateSecret());
        sha.update(ephemeral);
        sha.update(raw(org));
        byte[] blob = Base64.getDecoder().decode((String) fields.get("encryptedValue"));
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sha.digest(), "AES"), new GCMParameterSpec(128, blob, 0, 12));
        gcm.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return new String(gcm.doFinal(blob, 12, blob.length - 12), StandardCharsets.UTF_8);
    }

    static byte[] raw(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }
}
