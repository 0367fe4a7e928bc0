package dev.hush.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client-side sealing with the JDK's providers: values are sealed to the organization's X25519 key (an
 * ephemeral X25519 key per value, SHA-256, AES-256-GCM bound to the secret it is written to), or, with a
 * server that publishes no X25519 key, to its RSA key (RSA-OAEP, SHA-256 and MGF1-SHA-256; values too long
 * for RSA go under a fresh AES-256-GCM key that RSA seals); retrieved bundles are opened with an ephemeral
 * X25519 key made for one command (the RSA form of retrieval, for Crate clients, is here too).
 */
final class Sealing {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private Sealing() {}

    static RSAPublicKey publicKey(String pem) {
        try {
            String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new Failure(Failure.SERVER, "the server's organization public key is not a usable RSA key");
        }
    }

    /** The request fields of a sealed value: {@code sealed}, {@code encryptedValue} and, when long, {@code encryptedKey}. */
    static Map<String, Object> seal(RSAPublicKey orgKey, String value) {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sealed", true);
        try {
            int maxRsa = (orgKey.getModulus().bitLength() + 7) / 8 - 2 * 32 - 2;
            if (plain.length <= maxRsa) {
                fields.put("encryptedValue", Base64.getEncoder().encodeToString(rsa(Cipher.ENCRYPT_MODE, orgKey, plain)));
            } else {
                byte[] aes = new byte[32];
                RANDOM.nextBytes(aes);
                byte[] iv = new byte[12];
                RANDOM.nextBytes(iv);
                Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aes, "AES"), new GCMParameterSpec(128, iv));
                byte[] ct = gcm.doFinal(plain);
                byte[] out = Arrays.copyOf(iv, 12 + ct.length);
                System.arraycopy(ct, 0, out, 12, ct.length);
                fields.put("encryptedValue", Base64.getEncoder().encodeToString(out));
                fields.put("encryptedKey", Base64.getEncoder().encodeToString(rsa(Cipher.ENCRYPT_MODE, orgKey, aes)));
                Arrays.fill(aes, (byte) 0);
            }
            return fields;
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.REFUSED, "sealing failed: " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The organization's sealing key, for the writes of one environment: X25519 when the server publishes it
     * ({@code x25519PublicKey} and {@code orgId} in {@code GET /v1/orgs/{org}/public-key}), else RSA.
     */
    static final class ToOrg {
        private final Map<String, Object> publicKey;
        private final String project;
        private final String env;
        private RSAPublicKey rsa;

        ToOrg(Map<String, Object> publicKey, String project, String env) {
            this.publicKey = publicKey;
            this.project = project;
            this.env = env;
        }

        boolean x25519() { return publicKey.get("x25519PublicKey") instanceof String && publicKey.get("orgId") instanceof String; }

        /** The request fields of {@code value} sealed for the secret {@code key} of this environment. */
        Map<String, Object> seal(String key, String value) {
            if (x25519()) {
                return sealX25519((String) publicKey.get("x25519PublicKey"), (String) publicKey.get("orgId"), project, env, key, value);
            }
            if (rsa == null) {
                rsa = publicKey((String) publicKey.get("publicKeyPem"));
            }
            return Sealing.seal(rsa, value);
        }
    }

    /**
     * The AES-256 key both X25519 forms use: SHA-256(domain ‖ X25519(mine, peer) ‖ my public key ‖ peer's public key),
     * the shared secret wiped after.
     */
    private static byte[] x25519Key(byte[] domain, Ephemeral mine, byte[] peerRaw) throws java.security.GeneralSecurityException {
        javax.crypto.KeyAgreement ka = javax.crypto.KeyAgreement.getInstance("X25519");
        ka.init(mine.pair().getPrivate());
        ka.doPhase(x25519PublicKey(peerRaw), true);
        byte[] shared = ka.generateSecret();
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(domain);
            sha.update(shared);
            sha.update(mine.publicRaw());
            sha.update(peerRaw);
            return sha.digest();
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    static final String X25519_ALGORITHM = "X25519-SHA256-A256GCM";
    private static final byte[] X25519_SEAL_DOMAIN = "hush/seal/x25519/v1".getBytes(StandardCharsets.US_ASCII);

    /**
     * The X25519 sealed form (docs/api.md): a fresh X25519 key pair, AES-256 key = SHA-256("hush/seal/x25519/v1" ‖
     * shared ‖ ephemeral public key ‖ organization public key), {@code encryptedValue} = nonce ‖ AES-256-GCM(value) ‖
     * tag with associated data "hush/seal/x25519/v1|orgId|project|env|key": it opens only for that secret.
     */
    static Map<String, Object> sealX25519(String orgPublicB64, String orgId, String project, String env, String key, String value) {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        byte[] aes = null;
        try {
            byte[] orgRaw = Base64.getDecoder().decode(orgPublicB64);
            if (orgRaw.length != 32) {
                throw new Failure(Failure.SERVER, "the server's organization X25519 key is not 32 bytes");
            }
            Ephemeral ephemeral = ephemeralX25519();
            aes = x25519Key(X25519_SEAL_DOMAIN, ephemeral, orgRaw);
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aes, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD((new String(X25519_SEAL_DOMAIN, StandardCharsets.US_ASCII) + "|" + orgId + "|" + project + "|" + env + "|" + key)
                    .getBytes(StandardCharsets.UTF_8));
            byte[] ct = gcm.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, 12 + ct.length);
            System.arraycopy(ct, 0, out, 12, ct.length);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("sealed", true);
            fields.put("algorithm", X25519_ALGORITHM);
            fields.put("ephemeralPublicKey", ephemeral.publicB64());
            fields.put("encryptedValue", Base64.getEncoder().encodeToString(out));
            return fields;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Failure(Failure.SERVER, "the server's organization X25519 key is not usable (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(plain, (byte) 0);
            if (aes != null) {
                Arrays.fill(aes, (byte) 0);
            }
        }
    }

    private static java.security.PublicKey x25519PublicKey(byte[] raw) throws GeneralSecurityException {
        byte[] spki = Arrays.copyOf(X25519_SPKI_PREFIX, X25519_SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, spki, X25519_SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    private static final byte[] X25519_SPKI_PREFIX = java.util.HexFormat.of().parseHex("302a300506032b656e032100");
    private static final byte[] X25519_DOMAIN = "hush/retrieve/x25519/v1".getBytes(StandardCharsets.US_ASCII);

    /** An ephemeral X25519 key pair (microseconds, where RSA-2048 takes hundreds of milliseconds) and its raw public key. */
    record Ephemeral(KeyPair pair, byte[] publicRaw) {
        String publicB64() { return Base64.getEncoder().encodeToString(publicRaw); }
    }

    static Ephemeral ephemeralX25519() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            return new Ephemeral(pair, Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.REFUSED, "X25519 unavailable");
        }
    }

    /**
     * Opens an X25519 retrieval: AES-256 key = SHA-256("hush/retrieve/x25519/v1" ‖ shared ‖ our public key ‖
     * the server's), payload IV ‖ AES-256-GCM ‖ tag.
     */
    static List<Map<String, Object>> openX25519(Ephemeral mine, Map<String, Object> bundle) {
        byte[] key = null;
        try {
            byte[] serverRaw = Base64.getDecoder().decode((String) bundle.get("serverPublicKey"));
            key = x25519Key(X25519_DOMAIN, mine, serverRaw);
            return secrets(key, bundle);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new Failure(Failure.SERVER, "the sealed answer could not be opened (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /** The bundle's {@code encryptedSecrets} (nonce || AES-256-GCM ciphertext and tag) opened with {@code key}: its secrets. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> secrets(byte[] key, Map<String, Object> bundle) throws GeneralSecurityException, IOException {
        byte[] blob = Base64.getDecoder().decode((String) bundle.get("encryptedSecrets"));
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, blob, 0, 12));
        byte[] plain = gcm.doFinal(blob, 12, blob.length - 12);
        try {
            return (List<Map<String, Object>>) JSON.std.mapFrom(new String(plain, StandardCharsets.UTF_8)).get("secrets");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    static KeyPair ephemeralKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.REFUSED, "RSA unavailable");
        }
    }

    static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Opens a retrieved bundle: the secrets as maps with name, value, version, tags. */
    static List<Map<String, Object>> open(PrivateKey key, Map<String, Object> bundle) {
        byte[] aes = null;
        try {
            aes = rsa(Cipher.DECRYPT_MODE, key, Base64.getDecoder().decode((String) bundle.get("encryptedKey")));
            return secrets(aes, bundle);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new Failure(Failure.SERVER, "the sealed answer could not be opened (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (aes != null) {
                Arrays.fill(aes, (byte) 0);
            }
        }
    }

    private static byte[] rsa(int mode, java.security.Key key, byte[] input) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(mode, key, OAEP);
        return c.doFinal(input);
    }
}
