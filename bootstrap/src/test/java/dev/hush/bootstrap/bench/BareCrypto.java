package dev.hush.bootstrap.bench;

import dev.hush.application.crypto.RsaOaep;
import dev.hush.application.crypto.SealedBundle;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bare cryptographic cost of the sealed operations, measured in the benchmark's run with Hush's own
 * code paths, single-threaded: what a request could cost if nothing but its cryptography ran.
 */
final class BareCrypto {
    private BareCrypto() {}

    static void print(KeyPair client, double seconds) {
        KeyPair org = RsaOaep.generate();
        byte[] sealed = RsaOaep.encrypt((RSAPublicKey) org.getPublic(), "sealed-value-0-yyyyyyyyyyyyyyyyyyyyyyyy".getBytes(StandardCharsets.UTF_8));
        byte[] dek = new byte[32];
        new SecureRandom().nextBytes(dek);
        byte[][] stored = new byte[100][];
        for (int i = 0; i < 100; i++) {
            stored[i] = gcm(Cipher.ENCRYPT_MODE, dek, ("dev-value-xxxxxxxxxxxxxxxxxxxxxxxx" + i).getBytes(StandardCharsets.UTF_8));
        }
        RSAPublicKey clientKey = RsaOaep.parseClientKey("k", RsaOaep.pem(client.getPublic().getEncoded()));

        Runnable sealedSet = () -> {
            byte[] value = RsaOaep.decrypt(org.getPrivate(), sealed).orElseThrow();
            gcm(Cipher.ENCRYPT_MODE, dek, value);
        };
        Runnable retrieve = () -> {
            StringBuilder json = new StringBuilder("{\"secrets\":[");
            for (int i = 0; i < 100; i++) {
                json.append(i == 0 ? "" : ",").append("{\"name\":\"SECRET_").append(i).append("\",\"value\":\"")
                        .append(new String(gcm(Cipher.DECRYPT_MODE, dek, stored[i]), StandardCharsets.UTF_8)).append("\"}");
            }
            SealedBundle.seal(clientKey, json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        };
        System.out.println();
        System.out.printf("%-34s %10s %9s%n", "bare crypto (1 thread)", "ops/s", "µs/op");
        time("sealed set: RSA-3072 open + GCM", sealedSet, seconds);
        time("retrieve: 100 GCM opens + bundle", retrieve, seconds);
        System.out.println("Ratio: a request's share spent in cryptography = (bare µs/op) / (p50 at concurrency 1).");
    }

    private static void time(String name, Runnable op, double seconds) {
        for (int i = 0; i < 300; i++) {
            op.run();
        }
        int n = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < seconds * 1e9) {
            op.run();
            n++;
        }
        double micros = (System.nanoTime() - start) / 1e3 / n;
        System.out.printf("%-34s %10.0f %9.1f%n", name, 1e6 / micros, micros);
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
