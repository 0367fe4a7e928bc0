package dev.hush.bootstrap.rpc;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import dev.hush.bootstrap.support.OpenSsl;
import dev.hush.rpc.v1.BulkEntry;
import dev.hush.rpc.v1.BulkSetSecretsRequest;
import dev.hush.rpc.v1.DeleteSecretRequest;
import dev.hush.rpc.v1.GetPublicKeyRequest;
import dev.hush.rpc.v1.ListVersionsRequest;
import dev.hush.rpc.v1.PromoteSecretsRequest;
import dev.hush.rpc.v1.RetrieveSealedRequest;
import dev.hush.rpc.v1.SealedValue;
import dev.hush.rpc.v1.EnvRef;
import dev.hush.rpc.v1.ListKeysRequest;
import dev.hush.rpc.v1.PullMode;
import dev.hush.rpc.v1.PullSecretsRequest;
import dev.hush.rpc.v1.PurposeType;
import dev.hush.rpc.v1.SecretsServiceGrpc;
import dev.hush.rpc.v1.SetSecretRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The secrets API over gRPC with grpc-java's own blocking stub on the server's gRPC port: the REST API's behaviour
 * (values, audit, tenancy, roles, tokens) and its errors as gRPC statuses with an ErrorInfo carrying the problem code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsGrpcTest {
    private Path dir;
    private TestServer server;
    private ManagedChannel channel;
    private Api session;
    private String org;
    private String orgId;
    private String token;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("hush-grpc");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("grpc.server.enabled", true, "hush.grpc.port", port));
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = session.post("/v1/auth/register", Map.of("email", "grpc@example.com", "password", "grpc password 1"));
        org = reg.body().at("/org/slug").asText();
        orgId = reg.body().at("/org/id").asText();
        token = session.post("/v1/auth/token", Map.of("name", "grpc")).body().get("token").asText();
        assertThat(Api.anonymous(server.base).withToken(token).post("/v1/projects/" + orgId, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
    }

    @AfterAll
    void stop() throws Exception {
        channel.shutdownNow();
        server.close();
        TestFiles.deleteTree(dir);
    }

    private SecretsServiceGrpc.SecretsServiceBlockingStub stub(String bearer) {
        Metadata headers = new Metadata();
        if (bearer != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + bearer);
        }
        return SecretsServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private EnvRef env(String environment) {
        return EnvRef.newBuilder().setOrg(org).setProject("web").setEnvironment(environment).build();
    }

    @Test
    void setPullListDelete_likeTheRestApi_andAudited() {
        var rpc = stub(token);
        var set = rpc.setSecret(SetSecretRequest.newBuilder().setEnv(env("dev")).setKey("DB_URL").setPlain("postgres://grpc-canary")
                .addTags("backend").setPurposeType(PurposeType.PURPOSE_TYPE_USERNAME_PASSWORD).setDescription("the database").build());
        assertThat(set.getCreated()).isTrue();
        assertThat(set.getSecret().getVersion()).isEqualTo(1);
        assertThat(set.getSecret().hasValue()).as("a set answers without the value").isFalse();
        assertThat(rpc.setSecret(SetSecretRequest.newBuilder().setEnv(env("dev")).setKey("DB_URL").setPlain("postgres://grpc-canary").build())
                .getValueChanged()).as("the same value again").isFalse();

        var pulled = rpc.pullSecrets(PullSecretsRequest.newBuilder().setEnv(env("dev")).build());
        assertThat(pulled.getSecretsList()).singleElement().satisfies(s -> {
            assertThat(s.getKey()).isEqualTo("DB_URL");
            assertThat(s.getValue()).isEqualTo("postgres://grpc-canary");
            assertThat(s.getTagsList()).containsExactly("backend");
            assertThat(s.getPurposeType()).isEqualTo(PurposeType.PURPOSE_TYPE_USERNAME_PASSWORD);
            assertThat(s.getDescription()).isEqualTo("the database");
        });
        assertThat(rpc.pullSecrets(PullSecretsRequest.newBuilder().setEnv(env("dev")).setMode(PullMode.PULL_MODE_PREVIEW).build())
                .getSecrets(0).getValue()).isEqualTo("post••••••");
        var keys = rpc.listKeys(ListKeysRequest.newBuilder().setEnv(env("dev")).build());
        assertThat(keys.getSecrets(0).getKey()).isEqualTo("DB_URL");
        assertThat(keys.getSecrets(0).hasValue()).isFalse();
        assertThat(keys.getSecrets(0).getHasValue()).isTrue();

        var reads = session.get("/v1/audit/" + orgId + "?action=secret.read").body();
        assertThat(reads.at("/pagination/total").asInt()).as("the full pull, not the preview").isEqualTo(1);

        rpc.deleteSecret(DeleteSecretRequest.newBuilder().setEnv(env("dev")).setKey("DB_URL").build());
        assertThat(rpc.pullSecrets(PullSecretsRequest.newBuilder().setEnv(env("dev")).build()).getSecretsList()).isEmpty();
    }

    @Test
    void sealedSet_bulk_versions_promote_andSealedRetrieve_openedWithOpenSsl() throws Exception {
        var rpc = stub(token);
        OpenSsl openssl = new OpenSsl(dir);
        String orgKey = rpc.getPublicKey(GetPublicKeyRequest.newBuilder().setOrg(org).build()).getPublicKeyPem();
        assertThat(orgKey).startsWith("-----BEGIN PUBLIC KEY-----");
        rpc.setSecret(SetSecretRequest.newBuilder().setEnv(env("staging")).setKey("SEALED")
                .setSealed(SealedValue.newBuilder().setEncryptedValue(openssl.seal(orgKey, "sealed-grpc-canary"))).build());
        rpc.setSecret(SetSecretRequest.newBuilder().setEnv(env("staging")).setKey("SEALED").setPlain("second").build());

        var bulk = rpc.bulkSetSecrets(BulkSetSecretsRequest.newBuilder().setEnv(env("staging"))
                .addSecrets(BulkEntry.newBuilder().setKey("A").setPlain("a-value").addTags("x"))
                .addSecrets(BulkEntry.newBuilder().setKey("B").setPlain("b-value")).build());
        assertThat(bulk.getCreated()).isEqualTo(2);
        BulkSetSecretsRequest.Builder tooMany = BulkSetSecretsRequest.newBuilder().setEnv(env("staging"));
        for (int i = 0; i < 1001; i++) {
            tooMany.addSecrets(BulkEntry.newBuilder().setKey("K" + i).setPlain("v"));
        }
        assertThat(refusal(() -> rpc.bulkSetSecrets(tooMany.build()))).isEqualTo(Status.Code.INVALID_ARGUMENT + " validation_failed");
        assertThat(rpc.listKeys(ListKeysRequest.newBuilder().setEnv(env("staging")).build()).getSecretsCount()).as("nothing of it written").isEqualTo(3);

        var versions = rpc.listVersions(ListVersionsRequest.newBuilder().setEnv(env("staging")).setKey("SEALED").setReveal(true).build());
        assertThat(versions.getVersionsList()).extracting(v -> v.getValue()).containsExactly("second", "sealed-grpc-canary");
        assertThat(versions.getVersions(0).getCreatedBy()).isEqualTo("grpc@example.com");
        assertThat(rpc.listVersions(ListVersionsRequest.newBuilder().setEnv(env("staging")).setKey("SEALED").build()).getVersions(0).hasValue()).isFalse();

        var promoted = rpc.promoteSecrets(PromoteSecretsRequest.newBuilder().setOrg(org).setProject("web").setFromEnvironment("staging")
                .setToEnvironment("prod").addKeys("A").build());
        assertThat(promoted.getCreated()).isEqualTo(1);

        Path client = openssl.newKey(2048);
        var sealed = rpc.retrieveSealed(RetrieveSealedRequest.newBuilder().setEnv(env("staging")).addKeys("SEALED").addKeys("A")
                .setPublicKeyPem(openssl.publicPem(client)).build());
        var bundle = Api.JSON.readTree(openssl.openBundle(client, sealed.getEncryptedKey(), sealed.getEncryptedSecrets()));
        assertThat(bundle.get("secrets")).extracting(n -> n.get("name").asText() + "=" + n.get("value").asText())
                .containsExactlyInAnyOrder("A=a-value", "SEALED=second");
    }

    @Test
    void errors_areGrpcStatuses_withTheProblemCode() {
        assertThat(refusal(() -> stub(null).listKeys(ListKeysRequest.newBuilder().setEnv(env("dev")).build())))
                .isEqualTo(Status.Code.UNAUTHENTICATED + " unauthenticated");
        assertThat(refusal(() -> stub("hush_tok_not-a-token").listKeys(ListKeysRequest.newBuilder().setEnv(env("dev")).build())))
                .isEqualTo(Status.Code.UNAUTHENTICATED + " unauthenticated");

        // Another organization's names: not found.
        var other = Api.withCookies(server.base).header("X-Requested-With", "hush")
                .post("/v1/auth/register", Map.of("email", "other-grpc@example.com", "password", "other password 1")).body();
        EnvRef theirs = EnvRef.newBuilder().setOrg(other.at("/org/slug").asText()).setProject("web").setEnvironment("dev").build();
        assertThat(refusal(() -> stub(token).setSecret(SetSecretRequest.newBuilder().setEnv(theirs).setKey("X").setPlain("x").build())))
                .isEqualTo(Status.Code.NOT_FOUND + " organization_not_found");
        assertThat(refusal(() -> stub(token).pullSecrets(PullSecretsRequest.newBuilder().setEnv(env("nope")).build())))
                .isEqualTo(Status.Code.NOT_FOUND + " environment_not_found");

        StatusRuntimeException invalid = catchRefusal(() -> stub(token).setSecret(SetSecretRequest.newBuilder().setEnv(env("dev")).setKey("bad key!").setPlain("v").build()));
        assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        BadRequest bad = detail(invalid, BadRequest.class);
        assertThat(bad.getFieldViolations(0).getField()).isEqualTo("key");

        // A revoked token stops at once.
        var revocable = session.post("/v1/auth/token", Map.of("name", "revocable")).body();
        var rpc = stub(revocable.get("token").asText());
        assertThat(rpc.listKeys(ListKeysRequest.newBuilder().setEnv(env("dev")).build()).getSecretsCount()).isZero();
        assertThat(session.delete("/v1/auth/tokens/" + revocable.get("id").asText()).status()).isEqualTo(204);
        assertThat(refusal(() -> rpc.listKeys(ListKeysRequest.newBuilder().setEnv(env("dev")).build())))
                .isEqualTo(Status.Code.UNAUTHENTICATED + " unauthenticated");
    }

    private static StatusRuntimeException catchRefusal(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    /** "CODE reason" of a refused call. */
    private static String refusal(Runnable call) {
        StatusRuntimeException e = catchRefusal(call);
        ErrorInfo info = detail(e, ErrorInfo.class);
        assertThat(info.getDomain()).isEqualTo("hush.dev");
        return e.getStatus().getCode() + " " + info.getReason();
    }

    private static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException e, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).as("a google.rpc.Status in the trailers").isNotNull();
        return status.getDetailsList().stream().filter(a -> a.is(type)).findFirst().map(a -> {
            try {
                return a.unpack(type);
            } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                throw new AssertionError(x);
            }
        }).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " detail"));
    }
}
