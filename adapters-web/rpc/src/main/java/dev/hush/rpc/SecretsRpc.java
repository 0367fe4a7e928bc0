package dev.hush.rpc;

import com.google.protobuf.Timestamp;
import dev.hush.application.sealed.OrgPublicKey;
import dev.hush.application.sealed.RetrieveSealed;
import dev.hush.application.secret.BulkImportSecrets;
import dev.hush.application.port.EnvironmentFeed;
import dev.hush.application.secret.DeleteSecrets;
import dev.hush.application.secret.EnvironmentWatchers;
import dev.hush.application.secret.ListSecretKeys;
import dev.hush.application.secret.Paging;
import dev.hush.application.secret.PromoteSecrets;
import dev.hush.application.secret.PullSecrets;
import dev.hush.application.secret.SecretChange;
import dev.hush.application.secret.SecretQuery;
import dev.hush.application.secret.SecretHistory;
import dev.hush.application.secret.SetSecret;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.Description;
import dev.hush.domain.secret.PurposeType;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.secret.Tags;
import dev.hush.rpc.v1.BulkEntry;
import dev.hush.rpc.v1.BulkSetSecretsRequest;
import dev.hush.rpc.v1.BulkSetSecretsResponse;
import dev.hush.rpc.v1.DeleteSecretRequest;
import dev.hush.rpc.v1.DeleteSecretResponse;
import dev.hush.rpc.v1.EnvRef;
import dev.hush.rpc.v1.GetPublicKeyRequest;
import dev.hush.rpc.v1.GetPublicKeyResponse;
import dev.hush.rpc.v1.ListVersionsRequest;
import dev.hush.rpc.v1.ListVersionsResponse;
import dev.hush.rpc.v1.PromoteSecretsRequest;
import dev.hush.rpc.v1.PromoteSecretsResponse;
import dev.hush.rpc.v1.RetrieveSealedRequest;
import dev.hush.rpc.v1.RetrieveSealedResponse;
import dev.hush.rpc.v1.SealedValue;
import dev.hush.rpc.v1.SecretVersion;
import dev.hush.rpc.v1.ListKeysRequest;
import dev.hush.rpc.v1.ListKeysResponse;
import dev.hush.rpc.v1.Page;
import dev.hush.rpc.v1.PageInfo;
import dev.hush.rpc.v1.PullMode;
import dev.hush.rpc.v1.PullSecretsRequest;
import dev.hush.rpc.v1.PullSecretsResponse;
import dev.hush.rpc.v1.Secret;
import dev.hush.rpc.v1.SecretsServiceGrpc;
import dev.hush.rpc.v1.SetSecretRequest;
import dev.hush.rpc.v1.SetSecretResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code hush.v1.SecretsService}: each method calls the use case its REST route calls, as the caller of the call
 * ({@link RpcCaller}), so roles, tenancy (another organization's names are NOT_FOUND), audit, access counts, plan
 * limits and rate limits are the REST API's.
 */
@Singleton
final class SecretsRpc extends SecretsServiceGrpc.SecretsServiceImplBase {
    /** The type of a WatchEnvironment event that only says the stream is alive (no keys; the last revision sent). */
    static final String HEARTBEAT = "heartbeat";

    private final PullSecrets pull;
    private final ListSecretKeys listKeys;
    private final SetSecret set;
    private final DeleteSecrets delete;
    private final BulkImportSecrets bulk;
    private final SecretHistory history;
    private final PromoteSecrets promote;
    private final OrgPublicKey publicKey;
    private final RetrieveSealed retrieve;
    private final EnvironmentWatchers watchers;
    private final RpcCaller callers;

    SecretsRpc(PullSecrets pull, ListSecretKeys listKeys, SetSecret set, DeleteSecrets delete, BulkImportSecrets bulk, SecretHistory history,
               PromoteSecrets promote, OrgPublicKey publicKey, RetrieveSealed retrieve, EnvironmentWatchers watchers,
               RpcCaller callers) {
        this.watchers = watchers;
        this.callers = callers;
        this.pull = pull;
        this.listKeys = listKeys;
        this.set = set;
        this.delete = delete;
        this.bulk = bulk;
        this.history = history;
        this.promote = promote;
        this.publicKey = publicKey;
        this.retrieve = retrieve;
    }

    @Override
    public void pullSecrets(PullSecretsRequest request, StreamObserver<PullSecretsResponse> out) {
        answer(out, () -> {
            EnvRef env = request.getEnv();
            var result = pull.pull(RpcCaller.current(), env.getOrg(), env.getProject(), env.getEnvironment(),
                    query(request.getTagsList(), request.getKeysList(), request.getPage()), request.getMode() == PullMode.PULL_MODE_PREVIEW);
            PullSecretsResponse.Builder response = PullSecretsResponse.newBuilder();
            result.secrets().forEach(p -> response.addSecrets(secret(p.secret()).setValue(p.value())));
            result.pagination().ifPresent(i -> response.setPage(page(i)));
            return response.build();
        });
    }

    @Override
    public void listKeys(ListKeysRequest request, StreamObserver<ListKeysResponse> out) {
        answer(out, () -> {
            EnvRef env = request.getEnv();
            var result = listKeys.list(RpcCaller.current(), env.getOrg(), env.getProject(), env.getEnvironment(),
                    query(request.getTagsList(), List.of(), request.getPage()));
            ListKeysResponse.Builder response = ListKeysResponse.newBuilder();
            result.secrets().forEach(s -> response.addSecrets(secret(s)));
            result.pagination().ifPresent(i -> response.setPage(page(i)));
            return response.build();
        });
    }

    /**
     * Tags and purpose left empty keep what the secret has (proto3 cannot tell an empty list from none); the description
     * is kept when absent.
     */
    @Override
    public void setSecret(SetSecretRequest request, StreamObserver<SetSecretResponse> out) {
        answer(out, () -> {
            EnvRef env = request.getEnv();
            SecretChange change = new SecretChange(SecretKey.of("key", request.getKey()),
                    request.hasPlain() ? Optional.of(SecretValue.of("plain", request.getPlain())) : Optional.empty(),
                    request.getTagsCount() == 0 ? Optional.empty() : Optional.of(Tags.of("tags", request.getTagsList())),
                    purpose(request.getPurposeType()),
                    request.hasDescription() ? Optional.of(Description.check("description", request.getDescription())) : Optional.empty());
            SetSecret.Result result;
            if (request.hasSealed()) {
                result = set.setSealed(RpcCaller.current(), env.getOrg(), env.getProject(), env.getEnvironment(), change, sealed(request.getSealed()));
            } else {
                try {
                    result = set.set(RpcCaller.current(), env.getOrg(), env.getProject(), env.getEnvironment(), change);
                } finally {
                    change.value().ifPresent(SecretValue::close);
                }
            }
            return SetSecretResponse.newBuilder().setSecret(secret(result.secret())).setCreated(result.created()).setValueChanged(result.changed()).build();
        });
    }

    @Override
    public void deleteSecret(DeleteSecretRequest request, StreamObserver<DeleteSecretResponse> out) {
        answer(out, () -> {
            EnvRef env = request.getEnv();
            delete.deleteOne(RpcCaller.current(), env.getOrg(), env.getProject(), env.getEnvironment(), request.getKey());
            return DeleteSecretResponse.getDefaultInstance();
        });
    }

    /** All or nothing, at most 1000 entries; each entry plain, RSA-sealed or value-less. */
    @Override
    public void bulkSetSecrets(BulkSetSecretsRequest request, StreamObserver<BulkSetSecretsResponse> out) {
        answer(out, () -> {
            EnvRef env = request.getEnv();
            List<SecretChange> changes = new java.util.ArrayList<>();
            List<Optional<SetSecret.Sealed>> sealed = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < request.getSecretsCount(); i++) {
                    BulkEntry e = request.getSecrets(i);
                    String at = "secrets[" + i + "].";
                    changes.add(new SecretChange(SecretKey.of(at + "key", e.getKey()),
                            e.hasPlain() ? Optional.of(SecretValue.of(at + "plain", e.getPlain())) : Optional.empty(),
                            e.getTagsCount() == 0 ? Optional.empty() : Optional.of(Tags.of(at + "tags", e.getTagsList())), Optional.empty(), Optional.empty()));
                    sealed.add(e.hasSealed() ? Optional.of(sealed(e.getSealed())) : Optional.empty());
                }
                var r = bulk.importAll(RpcCaller.current(), env.getOrg(), env.getProject(), env.getEnvironment(), changes, sealed);
                return BulkSetSecretsResponse.newBuilder().setCreated(r.created()).setUpdated(r.updated()).setUnchanged(r.unchanged()).build();
            } finally {
                changes.forEach(c -> c.value().ifPresent(SecretValue::close));
            }
        });
    }

    /** Versions newest first, each with its author's e-mail; {@code reveal} adds values (the read right; audited). */
    @Override
    public void listVersions(ListVersionsRequest request, StreamObserver<ListVersionsResponse> out) {
        answer(out, () -> {
            EnvRef env = request.getEnv();
            ListVersionsResponse.Builder response = ListVersionsResponse.newBuilder();
            for (SecretHistory.Entry e : history.history(RpcCaller.current(), env.getOrg(), env.getProject(), env.getEnvironment(), request.getKey(),
                    request.getReveal())) {
                SecretVersion.Builder v = SecretVersion.newBuilder().setVersion(e.version().version()).setCreatedAt(timestamp(e.version().createdAt()))
                        .setDeleted(e.version().deleted());
                e.author().ifPresent(v::setCreatedBy);
                e.value().ifPresent(v::setValue);
                response.addVersions(v);
            }
            return response.build();
        });
    }

    @Override
    public void promoteSecrets(PromoteSecretsRequest request, StreamObserver<PromoteSecretsResponse> out) {
        answer(out, () -> {
            var r = promote.promote(RpcCaller.current(), request.getOrg(), request.getProject(), request.getFromEnvironment(), request.getToEnvironment(),
                    request.getKeysList());
            return PromoteSecretsResponse.newBuilder().setCreated(r.created()).setUpdated(r.updated()).setUnchanged(r.unchanged()).build();
        });
    }

    @Override
    public void getPublicKey(GetPublicKeyRequest request, StreamObserver<GetPublicKeyResponse> out) {
        answer(out, () -> {
            var key = publicKey.get(RpcCaller.current(), request.getOrg());
            return GetPublicKeyResponse.newBuilder().setPublicKeyPem(key.pem()).setAlgorithm("RSA-OAEP-256").setVersion(key.version()).build();
        });
    }

    /** The REST retrieve's bundle, to the client's RSA key ({@code encrypted_key}) or X25519 key ({@code server_public_key}). */
    @Override
    public void retrieveSealed(RetrieveSealedRequest request, StreamObserver<RetrieveSealedResponse> out) {
        answer(out, () -> {
            EnvRef env = request.getEnv();
            var caller = RpcCaller.current();
            if (request.hasX25519PublicKey()) {
                var r = retrieve.retrieveX25519(caller, env.getOrg(), env.getProject(), env.getEnvironment(), request.getKeysList(), request.getTagsList(),
                        "x25519_public_key", request.getX25519PublicKey());
                return RetrieveSealedResponse.newBuilder().setEncryptedSecrets(r.bundle().encryptedSecrets())
                        .setServerPublicKey(r.bundle().serverPublicKey()).build();
            }
            var r = retrieve.retrieve(caller, env.getOrg(), env.getProject(), env.getEnvironment(), request.getKeysList(), request.getTagsList(),
                    "public_key_pem", request.getPublicKeyPem());
            return RetrieveSealedResponse.newBuilder().setEncryptedSecrets(r.bundle().encryptedSecrets()).setEncryptedKey(r.bundle().encryptedKey()).build();
        });
    }

    /**
     * The environment's changes after {@code since_revision}, as they commit on any node, until the client cancels: a
     * watch of {@link EnvironmentWatchers} (no thread waits for it). A revoked token ends the stream with
     * UNAUTHENTICATED and a lost role with PERMISSION_DENIED (or NOT_FOUND) within about a second; a stopping server
     * with UNAVAILABLE (watch again, on any node, from the last revision). A quiet stream gets a {@code heartbeat}
     * event (the last revision, no keys) every 15 s.
     */
    @Override
    public void watchEnvironment(dev.hush.rpc.v1.WatchEnvironmentRequest request, StreamObserver<dev.hush.rpc.v1.EnvironmentEvent> out) {
        var stream = (io.grpc.stub.ServerCallStreamObserver<dev.hush.rpc.v1.EnvironmentEvent>) out;
        EnvRef env = request.getEnv();
        var opened = new java.util.concurrent.atomic.AtomicReference<EnvironmentWatchers.Watch>();
        stream.setOnCancelHandler(() -> {
            var w = opened.get();
            if (w != null) {
                w.cancel();
            }
        });
        try {
            opened.set(watchers.open(RpcCaller.current(), callers.reauthentication(), env.getOrg(), env.getProject(), env.getEnvironment(),
                    request.getSinceRevision(), new EnvironmentWatchers.Sink() {
                        @Override
                        public boolean ready() { return stream.isReady(); }

                        @Override
                        public void changes(List<EnvironmentFeed.Event> events) {
                            events.forEach(e -> out.onNext(dev.hush.rpc.v1.EnvironmentEvent.newBuilder().setRevision(e.revision()).setType(e.type())
                                    .addAllKeys(e.keys()).setAt(timestamp(e.at())).build()));
                        }

                        @Override
                        public void heartbeat(long revision) {
                            out.onNext(dev.hush.rpc.v1.EnvironmentEvent.newBuilder().setRevision(revision).setType(HEARTBEAT)
                                    .setAt(timestamp(Instant.now())).build());
                        }

                        @Override
                        public void ended(Rejection why) {
                            if (!stream.isCancelled()) {
                                out.onError(RpcErrors.of(why));
                            }
                        }
                    }));
            opened.get().start();
            if (stream.isCancelled()) {
                opened.get().cancel();
            }
        } catch (RuntimeException e) {
            out.onError(RpcErrors.of(e));
        }
    }

    private static SetSecret.Sealed sealed(SealedValue v) {
        return new SetSecret.Sealed(v.getEncryptedValue(), v.getEncryptedKey().isEmpty() ? null : v.getEncryptedKey());
    }

    /** Runs a unary method: its answer, or its refusal as a status ({@link RpcErrors}). */
    private static <T> void answer(StreamObserver<T> out, Supplier<T> method) {
        T response;
        try {
            response = method.get();
        } catch (RuntimeException e) {
            out.onError(RpcErrors.of(e));
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }

    private static SecretQuery query(List<String> tags, List<String> keys, Page page) {
        return new SecretQuery(tags, Set.copyOf(keys), page.getSearch(), Paging.of(page.getLimit() == 0 ? null : page.getLimit(), page.getOffset()));
    }

    private static PageInfo page(Paging.Info i) {
        return PageInfo.newBuilder().setLimit(i.limit()).setOffset(i.offset()).setTotal(i.total()).build();
    }

    private static Optional<PurposeType> purpose(dev.hush.rpc.v1.PurposeType p) {
        return switch (p) {
            case PURPOSE_TYPE_API_KEY -> Optional.of(PurposeType.APIKey);
            case PURPOSE_TYPE_SSH_KEY -> Optional.of(PurposeType.SSHKey);
            case PURPOSE_TYPE_USERNAME_PASSWORD -> Optional.of(PurposeType.UsernamePassword);
            case PURPOSE_TYPE_OTHER -> Optional.of(PurposeType.Other);
            case PURPOSE_TYPE_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
        };
    }

    private static dev.hush.rpc.v1.PurposeType purpose(PurposeType p) {
        return switch (p) {
            case APIKey -> dev.hush.rpc.v1.PurposeType.PURPOSE_TYPE_API_KEY;
            case SSHKey -> dev.hush.rpc.v1.PurposeType.PURPOSE_TYPE_SSH_KEY;
            case UsernamePassword -> dev.hush.rpc.v1.PurposeType.PURPOSE_TYPE_USERNAME_PASSWORD;
            case Other -> dev.hush.rpc.v1.PurposeType.PURPOSE_TYPE_OTHER;
        };
    }

    /** A secret's metadata, without its value. */
    private static Secret.Builder secret(dev.hush.domain.secret.Secret s) {
        Secret.Builder b = Secret.newBuilder().setKey(s.key().value()).setVersion(s.version()).addAllTags(s.tags().values())
                .setPurposeType(purpose(s.purposeType())).setHasValue(s.hasValue()).setAccessCount(s.accessCount()).setUpdatedAt(timestamp(s.updatedAt()));
        if (s.description() != null) {
            b.setDescription(s.description());
        }
        s.lastAccessedAt().ifPresent(t -> b.setLastAccessedAt(timestamp(t)));
        return b;
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }
}
