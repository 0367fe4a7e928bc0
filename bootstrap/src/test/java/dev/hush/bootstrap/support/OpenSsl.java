package dev.hush.bootstrap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A sealed-transport client made of the OpenSSL command line (RSA-OAEP with SHA-256 and MGF1-SHA-256) and
 * Bouncy Castle's AES-GCM: no Hush code and not the JDK's RSA or GCM.
 */
public final class OpenSsl {
    private final Path dir;
    private int n;

    public OpenSsl(Path dir) { this.dir = dir; }

    /** A new RSA private key file of {@code bits}. */
    public Path newKey(int bits) {
        Path key = dir.resolve("client-" + (++n) + ".key");
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + bits, "-out", key.toString());
        return key;
    }

    public String publicPem(Path key) { return new String(run("openssl", "pkey", "-in", key.toString(), "-pubout"), StandardCharsets.US_ASCII); }

    /** base64(RSA-OAEP-256(publicKeyPem, plaintext)). */
    public String seal(String publicKeyPem, byte[] plaintext) {
        Path pub = write("pub-" + (++n) + ".pem", publicKeyPem.getBytes(StandardCharsets.US_ASCII));
        Path in = write("plain-" + n, plaintext);
        Path out = dir.resolve("sealed-" + n);
        run("openssl", "pkeyutl", "-encrypt", "-pubin", "-inkey", pub.toString(), "-in", in.toString(), "-out", out.toString(),
                "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256");
        try {
            Files.delete(in);
            return Base64.getEncoder().encodeToString(Files.readAllBytes(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String seal(String publicKeyPem, String value) { return seal(publicKeyPem, value.getBytes(StandardCharsets.UTF_8)); }

    /** Opens a sealed bundle: OpenSSL unwraps the AES key, Bouncy Castle opens IV ‖ ciphertext ‖ tag. */
    public String openBundle(Path key, String encryptedKey, String encryptedSecrets) {
        Path wrapped = write("wrapped-" + (++n), Base64.getDecoder().decode(encryptedKey));
        byte[] aes = run("openssl", "pkeyutl", "-decrypt", "-inkey", key.toString(), "-in", wrapped.toString(),
                "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256");
        assertThat(aes).hasSize(32);
        return new String(gcm(false, aes, Base64.getDecoder().decode(encryptedSecrets)), StandardCharsets.UTF_8);
    }

    /** Bouncy Castle AES-256-GCM: encrypt gives IV ‖ ciphertext ‖ tag (random IV); decrypt takes that. */
    public static byte[] gcm(boolean encrypt, byte[] key, byte[] input) {
        try {
            GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
            byte[] iv = encrypt ? new java.security.SecureRandom().generateSeed(12) : Arrays.copyOf(input, 12);
            byte[] body = encrypt ? input : Arrays.copyOfRange(input, 12, input.length);
            gcm.init(encrypt, new AEADParameters(new KeyParameter(key), 128, iv));
            byte[] out = new byte[gcm.getOutputSize(body.length)];
            int len = gcm.processBytes(body, 0, body.length, out, 0);
            len += gcm.doFinal(out, len);
            if (!encrypt) {
                return Arrays.copyOf(out, len);
            }
            byte[] sealed = new byte[12 + len];
            System.arraycopy(iv, 0, sealed, 0, 12);
            System.arraycopy(out, 0, sealed, 12, len);
            return sealed;
        } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
            throw new AssertionError("GCM failed", e);
        }
    }

    private Path write(String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
