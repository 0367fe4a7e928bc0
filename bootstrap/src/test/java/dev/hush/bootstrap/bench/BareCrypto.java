package dev.hush.bootstrap.bench;

import dev.hush.application.crypto.RsaOaep;
import dev.hush.application.crypto.SealedBundle;
import dev.hush.application.crypto.X25519Box;
import dev.hush.application.crypto.X25519SealedValue;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bare cryptographic cost of the sealed operations, measured in the benchmark's run with Hush's own
 * code paths, single-threaded: what a request could cost if nothing but its cryptography ran. Sealed sets
 * in both forms: RSA-OAEP-3072 to the organization's key (with the PKCS#8 parse the server does per
 * request) and X25519 ({@link X25519SealedValue}, issue 14), each alone and followed by the GCM encryption
 * under the project's data key. Runs alone too (no server):
 * {@code java -cp bootstrap/target/test-classes:<classpath> dev.hush.bootstrap.bench.BareCrypto}.
 */
final class BareCrypto {
    private BareCrypto() {}

    public static void main(String[] args) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        print(g.generateKeyPair());
    }

    /** {@code seconds}: the benchmark's warm-up length, unused here (each operation runs six half-second windows). */
    static void print(KeyPair client, double seconds) {
        print(client);
    }

    static void print(KeyPair client) {
        KeyPair org = RsaOaep.generate();
        byte[] sealed = RsaOaep.encrypt((RSAPublicKey) org.getPublic(), "sealed-value-0-yyyyyyyyyyyyyyyyyyyyyyyy".getBytes(StandardCharsets.UTF_8));
        byte[] dek = new byte[32];
        new SecureRandom().nextBytes(dek);
        byte[][] stored = new byte[100][];
        for (int i = 0; i < 100; i++) {
            stored[i] = gcm(Cipher.ENCRYPT_MODE, dek, ("dev-value-xxxxxxxxxxxxxxxxxxxxxxxx" + i).getBytes(StandardCharsets.UTF_8));
        }
        RSAPublicKey clientKey = RsaOaep.parseClientKey("k", RsaOaep.pem(client.getPublic().getEncoded()));
        byte[] orgPkcs8 = org.getPrivate().getEncoded();
        X25519Box.KeyPair orgX = X25519Box.generate();
        byte[] aad = X25519SealedValue.associatedData(UUID.randomUUID(), "bench", "dev", "SEALED_0");
        X25519SealedValue.Sealed sealedX = X25519SealedValue.seal(orgX.publicKey(),
                "sealed-value-0-yyyyyyyyyyyyyyyyyyyyyyyy".getBytes(StandardCharsets.UTF_8), aad);

        Runnable sealedSet = () -> {
            byte[] value = RsaOaep.decrypt(org.getPrivate(), sealed).orElseThrow();
            gcm(Cipher.ENCRYPT_MODE, dek, value);
        };
        Runnable openRsa = () -> RsaOaep.decrypt(RsaOaep.privateKey(orgPkcs8), sealed).orElseThrow();
        Runnable openX25519 = () -> X25519SealedValue.open(orgX.privateKey(), orgX.publicKey(), sealedX.ephemeralPublicKey(),
                sealedX.encryptedValue(), aad).orElseThrow();
        Runnable sealedSetX25519 = () -> gcm(Cipher.ENCRYPT_MODE, dek, X25519SealedValue.open(orgX.privateKey(), orgX.publicKey(),
                sealedX.ephemeralPublicKey(), sealedX.encryptedValue(), aad).orElseThrow());
        Runnable retrieve = () -> {
            StringBuilder json = new StringBuilder("{\"secrets\":[");
            for (int i = 0; i < 100; i++) {
                json.append(i == 0 ? "" : ",").append("{\"name\":\"SECRET_").append(i).append("\",\"value\":\"")
                        .append(new String(gcm(Cipher.DECRYPT_MODE, dek, stored[i]), StandardCharsets.UTF_8)).append("\"}");
            }
            SealedBundle.seal(clientKey, json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        };
        System.out.println();
        System.out.printf("%-38s %10s %9s %9s%n", "bare crypto, 1 thread (best of 6)", "ops/s", "µs/op", "median");
        time("sealed set: RSA-3072 open + GCM", sealedSet);
        time("sealed set: X25519 open + GCM", sealedSetX25519);
        time("open only: RSA-3072 (PKCS#8 parse+OAEP)", openRsa);
        time("open only: X25519 (X25519+SHA-256+GCM)", openX25519);
        time("retrieve: 100 GCM opens + bundle", retrieve);
        System.out.println("Ratio: a request's share spent in cryptography = (bare µs/op) / (p50 at concurrency 1).");
    }

    /**
     * Six windows of half a second after a warm-up; the best window is what the operation costs when it has a
     * core to itself (the machine is shared), the median how it went in this run.
     */
    private static void time(String name, Runnable op) {
        for (int i = 0; i < 300; i++) {
            op.run();
        }
        double[] windows = new double[6];
        for (int w = 0; w < windows.length; w++) {
            int n = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < 500_000_000L) {
                op.run();
                n++;
            }
            windows[w] = (System.nanoTime() - start) / 1e3 / n;
        }
        java.util.Arrays.sort(windows);
        double best = windows[0];
        double median = (windows[2] + windows[3]) / 2;
        System.out.printf("%-38s %10.0f %9.1f %9.1f%n", name, 1e6 / best, best, median);
    }

    private static byte[] gcm(int mode, byte[] key, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            if (mode == Cipher.ENCRYPT_MODE) {
                byte[] iv = new byte[12];
                new SecureRandom().nextBytes(iv);
                c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
                byte[] ct = c.doFinal(input);
                byte[] out = new byte[12 + ct.length];
                System.arraycopy(iv, 0, out, 0, 12);
                System.arraycopy(ct, 0, out, 12, ct.length);
                return out;
            }
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, input, 0, 12));
            return c.doFinal(input, 12, input.length - 12);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
