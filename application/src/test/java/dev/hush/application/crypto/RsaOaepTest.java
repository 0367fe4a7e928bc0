package dev.hush.application.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.domain.Rejection;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RSA-OAEP-256 (MGF1-SHA-256) and the sealed bundle against the OpenSSL command line (an implementation
 * that is not Hush's and not the JDK's), and the client-key parser against bad input.
 */
class RsaOaepTest {
    @TempDir
    static Path dir;
    static KeyPair orgPair;

    @BeforeAll
    static void orgKey() { orgPair = RsaOaep.generate(); }

    @Test
    void orgKeys_are3072Bits() {
        assertThat(((java.security.interfaces.RSAPublicKey) orgPair.getPublic()).getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    void opensslSeals_hushOpens_withMgf1Sha256_andNotWithTheJavaDefaultMgf1Sha1() throws Exception {
        Path pub = dir.resolve("org.pem");
        Files.writeString(pub, RsaOaep.pem(orgPair.getPublic().getEncoded()));
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "sk_live_openssl_sealed_0001");
        Path sealed = dir.resolve("sealed.bin");
        run("openssl", "pkeyutl", "-encrypt", "-pubin", "-inkey", pub.toString(), "-in", plain.toString(), "-out", sealed.toString(),
                "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256");
        assertThat(RsaOaep.decrypt(orgPair.getPrivate(), Files.readAllBytes(sealed)))
                .hasValueSatisfying(p -> assertThat(new String(p, StandardCharsets.UTF_8)).isEqualTo("sk_live_openssl_sealed_0001"));

        Path sha1 = dir.resolve("sealed-mgf1-sha1.bin");
        run("openssl", "pkeyutl", "-encrypt", "-pubin", "-inkey", pub.toString(), "-in", plain.toString(), "-out", sha1.toString(),
                "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha1");
        assertThat(RsaOaep.decrypt(orgPair.getPrivate(), Files.readAllBytes(sha1))).isEmpty();
    }

    @Test
    void hushSealsABundle_opensslOpensTheKey_bouncyCastleOpensThePayload() throws Exception {
        Path key = dir.resolve("client.key");
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString());
        String pem = run("openssl", "pkey", "-in", key.toString(), "-pubout");
        byte[] payload = "{\"secrets\":[{\"name\":\"A\",\"value\":\"é \\\" \\\\ ✓\"}]}".getBytes(StandardCharsets.UTF_8);
        SealedBundle bundle = SealedBundle.seal(RsaOaep.parseClientKey("k", pem), payload);

        Path wrapped = dir.resolve("wrapped.bin");
        Files.write(wrapped, Base64.getDecoder().decode(bundle.encryptedKey()));
        Path aes = dir.resolve("aes.bin");
        run("openssl", "pkeyutl", "-decrypt", "-inkey", key.toString(), "-in", wrapped.toString(), "-out", aes.toString(),
                "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256");
        byte[] aesKey = Files.readAllBytes(aes);
        assertThat(aesKey).hasSize(32);

        byte[] blob = Base64.getDecoder().decode(bundle.encryptedSecrets());
        GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(aesKey), 128, java.util.Arrays.copyOf(blob, 12)));
        byte[] out = new byte[gcm.getOutputSize(blob.length - 12)];
        int n = gcm.processBytes(blob, 12, blob.length - 12, out, 0);
        n += gcm.doFinal(out, n);
        assertThat(java.util.Arrays.copyOf(out, n)).isEqualTo(payload);
    }

    @Test
    void clientKeys_of2048To4096Bits_inSpkiOrPkcs1_areAccepted() throws Exception {
        Path key = dir.resolve("client4096.key");
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096", "-out", key.toString());
        assertThat(RsaOaep.parseClientKey("k", run("openssl", "pkey", "-in", key.toString(), "-pubout")).getModulus().bitLength()).isEqualTo(4096);
        String pkcs1 = run("openssl", "rsa", "-in", key.toString(), "-RSAPublicKey_out");
        assertThat(pkcs1).contains("BEGIN RSA PUBLIC KEY");
        assertThat(RsaOaep.parseClientKey("k", pkcs1).getModulus().bitLength()).isEqualTo(4096);
        assertThat(RsaOaep.parseClientKey("k", RsaOaep.pem(orgPair.getPublic().getEncoded())).getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    void smallHugeOddAndForeignKeys_areRefusedWith400() throws Exception {
        for (int bits : new int[] {1024, 2047, 4097, 8192}) {
            assertRefused(pemOf(BigInteger.ONE.shiftLeft(bits - 1).setBit(0), BigInteger.valueOf(65537)), "bits " + bits);
        }
        assertRefused(pemOf(BigInteger.ONE.shiftLeft(2047).setBit(0), BigInteger.ONE), "exponent 1");
        assertRefused(pemOf(BigInteger.ONE.shiftLeft(2047).setBit(0), BigInteger.valueOf(65536)), "even exponent");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        assertRefused(RsaOaep.pem(ec.generateKeyPair().getPublic().getEncoded()), "EC key");
        assertRefused("", "empty");
        assertRefused("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----", "bad base64");
        assertRefused("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "private key block");
        assertRefused("-----BEGIN PUBLIC KEY-----\n" + "A".repeat(9000) + "\n-----END PUBLIC KEY-----", "too long");
    }

    @Test
    void mutatedPems_neverEscapeAsAnythingButA400() {
        String good = RsaOaep.pem(orgPair.getPublic().getEncoded());
        Random random = new Random(20261123);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            char[] c = good.toCharArray();
            for (int m = 0; m < 1 + random.nextInt(4); m++) {
                c[random.nextInt(c.length)] = (char) (32 + random.nextInt(95));
            }
            String mutated = random.nextInt(10) == 0 ? new String(c, 0, random.nextInt(c.length)) : new String(c);
            try {
                RsaOaep.parseClientKey("k", mutated);
                accepted.add(mutated);
            } catch (Rejection r) {
                assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
                if (mutated.length() > 60) {
                    assertThat(r.getMessage()).doesNotContain(mutated.substring(30, 60));
                }
            }
        }
        // Some mutations only touch the modulus and still make a valid key; each accepted one is a real RSA key in range.
        for (String pem : accepted) {
            int bits = RsaOaep.parseClientKey("k", pem).getModulus().bitLength();
            assertThat(bits).isBetween(2048, 4096);
        }
    }

    private static void assertRefused(String pem, String what) {
        assertThatThrownBy(() -> RsaOaep.parseClientKey("public_key_pem", pem)).as(what).isInstanceOfSatisfying(Rejection.class, r -> {
            assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
            assertThat(r.errors()).extracting(Rejection.FieldError::field).containsExactly("public_key_pem");
        });
    }

    /** A SubjectPublicKeyInfo built with Bouncy Castle's ASN.1 (the JDK refuses to build some of these keys at all). */
    private static String pemOf(BigInteger modulus, BigInteger exponent) throws Exception {
        return RsaOaep.pem(new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption,
                        org.bouncycastle.asn1.DERNull.INSTANCE),
                new org.bouncycastle.asn1.pkcs.RSAPublicKey(modulus, exponent)).getEncoded());
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }
}
