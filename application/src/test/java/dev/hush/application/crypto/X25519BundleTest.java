package dev.hush.application.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.domain.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The X25519 retrieval bundle (Bouncy Castle on the server) opened by the JDK's own X25519 and AES-GCM, as the CLI does. */
class X25519BundleTest {
    @Test
    void aBundleSealedByHush_opensWithTheJdksX25519() throws Exception {
        KeyPair client = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        byte[] spki = client.getPublic().getEncoded();
        byte[] clientRaw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        byte[] payload = "{\"secrets\":[{\"name\":\"A\",\"value\":\"x25519-canary\"}]}".getBytes(StandardCharsets.UTF_8);
        X25519Bundle bundle = X25519Bundle.seal(X25519Bundle.parseClientKey("k", Base64.getEncoder().encodeToString(clientRaw)), payload);

        byte[] serverRaw = Base64.getDecoder().decode(bundle.serverPublicKey());
        byte[] serverSpki = HexFormat.of().parseHex("302a300506032b656e032100" + HexFormat.of().formatHex(serverRaw));
        KeyAgreement ka = KeyAgreement.getInstance("X25519");
        ka.init(client.getPrivate());
        ka.doPhase(KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(serverSpki)), true);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("hush/retrieve/x25519/v1".getBytes(StandardCharsets.US_ASCII));
        sha.update(ka.generateSecret());
        sha.update(clientRaw);
        sha.update(serverRaw);
        byte[] key = sha.digest();
        byte[] blob = Base64.getDecoder().decode(bundle.encryptedSecrets());
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, blob, 0, 12));
        assertThat(gcm.doFinal(blob, 12, blob.length - 12)).isEqualTo(payload);
    }

    @Test
    void malformedOrLowOrderClientKeys_areRefusedWith400() {
        assertThatThrownBy(() -> X25519Bundle.parseClientKey("x25519PublicKey", "AAAA")).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> X25519Bundle.parseClientKey("x25519PublicKey", "not base64!")).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> X25519Bundle.parseClientKey("x25519PublicKey", Base64.getEncoder().encodeToString(new byte[32])))
                .as("a low-order point, refused before anything is read").isInstanceOfSatisfying(Rejection.class,
                        r -> assertThat(r.code()).isEqualTo("invalid_public_key"));
        assertThatThrownBy(() -> X25519Bundle.seal(new byte[32], new byte[] {1})).isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.code()).isEqualTo("invalid_public_key"));
    }
}
