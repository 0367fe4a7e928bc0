package dev.hush.application.crypto;

import dev.hush.application.port.KeyIntegrityException;
import dev.hush.application.port.OrganizationKeys;
import dev.hush.application.port.Projects;
import dev.hush.application.port.RootKeys;
import dev.hush.application.port.WrappedKeyBlob;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

/**
 * The three tiers: root key (KMS) → organization key-encryption key (KEK) → project data key (DEK, one
 * per key version). Makes new keys and opens stored ones, caching unwrapped keys (bounded, with a TTL).
 * Each wrap binds its place in the hierarchy as associated data, so a wrapped key moved to another
 * organization or project does not open.
 */
public final class KeyHierarchy {
    static final String DEK_KEY_ID = "hush-kek-v1";

    private final RootKeys rootKeys;
    private final OrganizationKeys organizationKeys;
    private final Projects projects;
    private final KeyCache cache;

    public KeyHierarchy(RootKeys rootKeys, OrganizationKeys organizationKeys, Projects projects, Clock clock,
                        int maxCachedKeys, Duration cacheTtl) {
        this.rootKeys = rootKeys;
        this.organizationKeys = organizationKeys;
        this.projects = projects;
        this.cache = new KeyCache(maxCachedKeys, cacheTtl, clock);
    }

    /** A new organization's KEK wrapped by the root key, and {@code secret} (its sealing private key) wrapped by that KEK. */
    public record NewOrganizationKeys(WrappedKeyBlob kek, byte[] wrappedSecret) {}

    public NewOrganizationKeys newOrganizationKeys(UUID orgId, byte[] context, byte[] secret) {
        byte[] kek = Aes256Gcm.randomKey();
        try {
            return new NewOrganizationKeys(rootKeys.wrap(kek, orgContext(orgId)), wrapWith(kek, context, secret));
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    /** A new organization's KEK alone, wrapped by the root key (its key pair comes later: see OrgKeyPairs). */
    public WrappedKeyBlob newOrganizationKek(UUID orgId) {
        byte[] kek = Aes256Gcm.randomKey();
        try {
            return rootKeys.wrap(kek, orgContext(orgId));
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    /** Wraps key material under the organization's KEK: {@code nonce ‖ AES-256-GCM(material)}, bound to {@code context}. */
    public byte[] wrapUnderOrganization(UUID orgId, byte[] context, byte[] material) {
        byte[] kek = organizationKey(orgId);
        try {
            return wrapWith(kek, context, material);
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    /** Opens what {@link #wrapUnderOrganization} made, caching the result under {@code cacheId} (null: no caching); the caller wipes it. */
    public byte[] unwrapUnderOrganization(UUID orgId, byte[] context, byte[] blob, String cacheId) {
        java.util.function.Supplier<byte[]> load = () -> {
            byte[] kek = organizationKey(orgId);
            try {
                return Aes256Gcm.open(kek, blob, 0, Aes256Gcm.NONCE_BYTES, blob.length - Aes256Gcm.NONCE_BYTES, context);
            } finally {
                Arrays.fill(kek, (byte) 0);
            }
        };
        if (blob.length < Aes256Gcm.NONCE_BYTES + Aes256Gcm.TAG_BYTES) {
            throw new KeyIntegrityException();
        }
        return cacheId == null ? load.get() : cache.get(cacheId, load);
    }

    private static byte[] wrapWith(byte[] kek, byte[] context, byte[] material) {
        byte[] nonce = Aes256Gcm.nonce();
        byte[] out = new byte[Aes256Gcm.NONCE_BYTES + material.length + Aes256Gcm.TAG_BYTES];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        Aes256Gcm.seal(kek, nonce, context, material, out, nonce.length);
        return out;
    }

    /** A fresh DEK for version {@code version} of a project, wrapped by the organization's KEK. */
    public WrappedKeyBlob newProjectKey(UUID orgId, UUID projectId, int version) {
        byte[] kek = organizationKey(orgId);
        byte[] dek = Aes256Gcm.randomKey();
        try {
            byte[] nonce = Aes256Gcm.nonce();
            byte[] out = new byte[Aes256Gcm.NONCE_BYTES + dek.length + Aes256Gcm.TAG_BYTES];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            Aes256Gcm.seal(kek, nonce, dekContext(orgId, projectId, version), dek, out, nonce.length);
            return new WrappedKeyBlob(DEK_KEY_ID, Integer.toString(version), out);
        } finally {
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(dek, (byte) 0);
        }
    }

    /** The project's data key of {@code version}; the caller wipes it. */
    public byte[] projectKey(UUID orgId, UUID projectId, int version) {
        return cache.get("dek:" + projectId + ":" + version, () -> {
            WrappedKeyBlob wrapped = projects.dataKey(projectId, version).orElseThrow(KeyIntegrityException::new);
            byte[] kek = organizationKey(orgId);
            try {
                byte[] blob = wrapped.ciphertext();
                return Aes256Gcm.open(kek, blob, 0, Aes256Gcm.NONCE_BYTES, blob.length - Aes256Gcm.NONCE_BYTES,
                        dekContext(orgId, projectId, version));
            } finally {
                Arrays.fill(kek, (byte) 0);
            }
        });
    }

    private byte[] organizationKey(UUID orgId) {
        return cache.get("kek:" + orgId, () -> {
            WrappedKeyBlob wrapped = organizationKeys.kek(orgId).orElseThrow(KeyIntegrityException::new);
            return rootKeys.unwrap(wrapped, orgContext(orgId));
        });
    }

    /** Forgets the cached keys of a project (after it is deleted). */
    public void forgetProject(UUID projectId, int maxVersion) {
        for (int v = 1; v <= maxVersion; v++) {
            cache.invalidate("dek:" + projectId + ":" + v);
        }
    }

    /**
     * Forgets an organization's cached key-encryption key (after the organization is deleted). Cached
     * project keys of that organization expire with their TTL and are unreachable meanwhile: their
     * projects are gone.
     */
    public void forgetOrganization(UUID orgId) {
        cache.invalidate("kek:" + orgId);
    }

    public static byte[] orgContext(UUID orgId) {
        return ("hush/org-kek/v1|" + orgId).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] dekContext(UUID orgId, UUID projectId, int version) {
        return ("hush/project-dek/v1|" + orgId + "|" + projectId + "|" + version).getBytes(StandardCharsets.US_ASCII);
    }
}
