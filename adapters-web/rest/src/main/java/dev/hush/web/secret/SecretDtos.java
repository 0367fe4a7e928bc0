package dev.hush.web.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hush.web.support.RequestLists;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies of the secret routes. Every request record lists exactly the fields it binds. */
final class SecretDtos {
    private SecretDtos() {}

    /**
     * A plain value ({@code value}), a value sealed with RSA-OAEP ({@code encryptedValue}, {@code encryptedKey}) or
     * with X25519 ({@code algorithm: "X25519-SHA256-A256GCM"}, {@code ephemeralPublicKey}, {@code encryptedValue}).
     */
    @Serdeable
    record SetRequest(String key, @Nullable String value, @Nullable List<String> tags, @Nullable String purposeType, @Nullable String description,
                      @Nullable String encryptedValue, @Nullable String encryptedKey, @Nullable Boolean sealed, @Nullable String algorithm,
                      @Nullable String ephemeralPublicKey) {
        @Override
        public String toString() { return "SetRequest[" + key + "]"; }
    }

    @Serdeable
    record SetResult(String key, int version, boolean created, boolean changed, boolean hasValue, List<String> tags,
                     String purposeType, @Nullable String description, Instant updatedAt) {}

    @Serdeable
    record Pagination(int limit, int offset, int total) {}

    @Serdeable
    record PulledSecret(String key, String value, int version, List<String> tags, String purposeType, @Nullable String description, Instant updatedAt,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable List<String> unresolved) {
        @Override
        public String toString() { return "PulledSecret[" + key + "]"; }
    }

    @Serdeable
    record PullResult(List<PulledSecret> secrets, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Pagination pagination) {}

    @Serdeable
    record KeyInfo(UUID id, String key, int version, List<String> tags, String purposeType, @Nullable String description, boolean hasValue,
                   long accessCount, @Nullable Instant lastAccessedAt, Instant updatedAt) {}

    @Serdeable
    record KeysResult(List<KeyInfo> secrets, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Pagination pagination) {}

    @Serdeable
    record VersionInfo(int version, Instant createdAt, @Nullable UUID createdBy, @Nullable String createdByEmail, boolean deleted, @Nullable String value) {
        @Override
        public String toString() { return "VersionInfo[v" + version + "]"; }
    }

    @Serdeable
    record VersionsResult(String key, List<VersionInfo> versions) {}

    @Serdeable
    record BulkEntry(String key, @Nullable String value, @Nullable List<String> tags, @Nullable String purposeType, @Nullable String description,
                     @Nullable String encryptedValue, @Nullable String encryptedKey, @Nullable Boolean sealed, @Nullable String algorithm,
                     @Nullable String ephemeralPublicKey) {
        @Override
        public String toString() { return "BulkEntry[" + key + "]"; }
    }

    @Serdeable
    record BulkRequest(List<BulkEntry> secrets) {
        @Override
        public List<BulkEntry> secrets() { return RequestLists.noNulls("secrets", secrets); }
    }

    @Serdeable
    record BulkResult(int created, int updated, int unchanged) {}

    /** {@code POST .../versions/{key}/restore}: the version whose value becomes the next version. */
    @Serdeable
    record RestoreRequest(@Nullable Integer version) {}

    @Serdeable
    record PromoteRequest(String from, String to, @Nullable List<String> keys, @Nullable Boolean strict) {
        @Override
        public List<String> keys() { return RequestLists.noNulls("keys", keys); }
    }

    @Serdeable
    record PromoteResult(int promoted, int created, int updated, int unchanged) {}

    /** A key in both environments and which of value, hasValue, tags, purposeType, description differ. */
    @Serdeable
    record ChangedKey(String key, List<String> differences) {}

    @Serdeable
    record DiffResult(String from, String to, List<String> onlyInFrom, List<String> onlyInTo, List<ChangedKey> changed, List<String> same,
                      boolean identical) {}

    /** {@code keys} or {@code names} (Crate's word) select by name; the Crate field {@code public_key_pem} is accepted too. */
    @Serdeable
    record RetrieveRequest(@Nullable List<String> keys, @Nullable List<String> names, @Nullable List<String> tags, @Nullable String publicKeyPem,
                           @Nullable String public_key_pem, @Nullable String x25519PublicKey, @Nullable Boolean resolve) {
        @Override
        public List<String> keys() { return RequestLists.noNulls("keys", keys); }

        @Override
        public List<String> names() { return RequestLists.noNulls("names", names); }

        @Override
        public List<String> tags() { return RequestLists.noNulls("tags", tags); }
    }

    /** camelCase fields, and the Crate names of the same two values. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RetrieveResult(@Nullable String encryptedSecrets, @Nullable String encryptedKey, @Nullable String encrypted_secrets, @Nullable String encrypted_key, @Nullable String serverPublicKey,
                          String algorithm, int count) {}

    @Serdeable
    record BulkDeleteRequest(List<String> keys) {
        @Override
        public List<String> keys() { return RequestLists.noNulls("keys", keys); }
    }

    @Serdeable
    record BulkDeleteResult(int deleted) {}
}
