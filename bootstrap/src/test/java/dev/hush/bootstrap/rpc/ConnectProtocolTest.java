package dev.hush.bootstrap.rpc;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import dev.hush.rpc.v1.EnvRef;
import dev.hush.rpc.v1.PullSecretsRequest;
import dev.hush.rpc.v1.PullSecretsResponse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.ErrorInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Connect protocol's unary calls on the HTTP port, spoken byte for byte as connectrpc.com/docs/protocol writes
 * them (JSON and binary bodies, errors with their HTTP status and base64 details, the timeout header), with the gRPC
 * port closed: Connect reaches the same service in process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectProtocolTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private Path dir;
    private TestServer server;
    private String org;
    private String orgId;
    private String token;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("hush-connect");
        server = TestServer.start(dir.resolve("data"));
        Api.Owner owner = Api.ownerWithProject(server.base, "connect@example.com", "connect password 1", "web");
        org = owner.org();
        orgId = owner.orgId();
        token = owner.token();
        assertThat(owner.api().put("/v1/secrets/" + org + "/web/dev", Map.of("key", "API_KEY", "value", "connect-canary")).status()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        TestFiles.deleteTree(dir);
    }

    private HttpResponse<byte[]> call(String method, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base + "/hush.v1.SecretsService/" + method))
                .header("Content-Type", contentType).header("Connect-Protocol-Version", "1").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String pullJson() {
        return "{\"env\":{\"org\":\"" + org + "\",\"project\":\"web\",\"environment\":\"dev\"}}";
    }

    @Test
    void unaryJson_andBinary_answerLikeGrpc_andAreAudited() throws Exception {
        var json = call("PullSecrets", "application/json", pullJson().getBytes(), "Authorization", "Bearer " + token);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode answer = Api.JSON.readTree(json.body());
        assertThat(answer.at("/secrets/0/key").asText()).isEqualTo("API_KEY");
        assertThat(answer.at("/secrets/0/value").asText()).isEqualTo("connect-canary");
        assertThat(answer.at("/secrets/0/purposeType").asText()).as("protobuf's JSON names").isEqualTo("PURPOSE_TYPE_OTHER");

        byte[] request = PullSecretsRequest.newBuilder().setEnv(EnvRef.newBuilder().setOrg(org).setProject("web").setEnvironment("dev")).build().toByteArray();
        var binary = call("PullSecrets", "application/proto", request, "Authorization", "Bearer " + token);
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(binary.headers().firstValue("Content-Type")).hasValue("application/proto");
        assertThat(PullSecretsResponse.parseFrom(binary.body()).getSecrets(0).getValue()).isEqualTo("connect-canary");

        JsonNode reads = Api.anonymous(server.base).withToken(token).get("/v1/audit/" + orgId + "?action=secret.read").body();
        assertThat(reads.at("/pagination/total").asInt()).isEqualTo(2);
        assertThat(reads.at("/events/0/clientIp").asText()).as("the HTTP client's address").isEqualTo("127.0.0.1");
    }

    /** References resolve over Connect (and so gRPC: the same service) as over REST. */
    @Test
    void references_resolveAsOverRest() throws Exception {
        // Another organization: the other tests count this one's reads and events.
        Api.Owner refs = Api.ownerWithProject(server.base, "connect-refs@example.com", "connect password 1", "web");
        Api api = refs.api();
        assertThat(api.put("/v1/secrets/" + refs.org() + "/web/dev", Map.of("key", "API_KEY", "value", "connect-canary")).status()).isEqualTo(200);
        assertThat(api.put("/v1/secrets/" + refs.org() + "/web/prod", Map.of("key", "PROD_HOST", "value", "db.prod")).status()).isEqualTo(200);
        assertThat(api.put("/v1/secrets/" + refs.org() + "/web/staging", Map.of("key", "REF", "value", "${API_KEY}@${prod.PROD_HOST}|${dev.API_KEY}"))
                .status()).isEqualTo(200);
        String request = "{\"env\":{\"org\":\"" + refs.org() + "\",\"project\":\"web\",\"environment\":\"staging\"}}";
        var json = call("PullSecrets", "application/json", request.getBytes(), "Authorization", "Bearer " + refs.token());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(Api.JSON.readTree(json.body()).at("/secrets/0/value").asText()).isEqualTo("${API_KEY}@db.prod|connect-canary");
    }

    /** One Connect envelope read from a stream: its flags and message; null at the end of the body. */
    private record Envelope(int flags, byte[] message) {
        static Envelope read(java.io.InputStream in) throws java.io.IOException {
            byte[] head = in.readNBytes(5);
            if (head.length < 5) {
                return null;
            }
            int length = java.nio.ByteBuffer.wrap(head, 1, 4).getInt();
            return new Envelope(head[0], in.readNBytes(length));
        }
    }

    private static byte[] envelope(byte[] message) {
        return java.nio.ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    @Test
    void watchEnvironment_streamsEnvelopes_andEndsWithTheErrorInTheEndOfStreamMessage() throws Exception {
        Api api = Api.anonymous(server.base).withToken(token);
        String watch = "{\"env\":{\"org\":\"" + org + "\",\"project\":\"web\",\"environment\":\"staging\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base + "/hush.v1.SecretsService/WatchEnvironment"))
                .header("Content-Type", "application/connect+json").header("Connect-Protocol-Version", "1").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope(watch.getBytes()))).build();
        // The answer's head comes with its first message: send the change while the call is open.
        var pending = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        Thread.sleep(500);
        assertThat(api.put("/v1/secrets/" + org + "/web/staging", Map.of("key", "STREAMED", "value", "stream-canary")).status()).isEqualTo(200);
        HttpResponse<java.io.InputStream> response = pending.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/connect+json");
        try (java.io.InputStream body = response.body()) {
            Envelope first = Envelope.read(body);
            assertThat(first.flags()).isZero();
            JsonNode event = Api.JSON.readTree(first.message());
            assertThat(event.get("type").asText()).isEqualTo("secret.created");
            assertThat(event.get("keys").get(0).asText()).isEqualTo("STREAMED");
            assertThat(new String(first.message())).doesNotContain("stream-canary");
        }

        // Refused: HTTP 200 and the error in the end-of-stream message, as Connect streams answer.
        HttpResponse<byte[]> refused = HTTP.send(HttpRequest.newBuilder(URI.create(server.base + "/hush.v1.SecretsService/WatchEnvironment"))
                .header("Content-Type", "application/connect+json").POST(HttpRequest.BodyPublishers.ofByteArray(envelope(watch.getBytes()))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(refused.statusCode()).isEqualTo(200);
        Envelope end = Envelope.read(new java.io.ByteArrayInputStream(refused.body()));
        assertThat(end.flags()).isEqualTo(2);
        assertThat(Api.JSON.readTree(end.message()).at("/error/code").asText()).isEqualTo("unauthenticated");
        // A unary method through the streaming content type, and the stream through the unary one, are refused.
        assertThat(call("WatchEnvironment", "application/json", watch.getBytes(), "Authorization", "Bearer " + token).statusCode()).isEqualTo(501);
    }

    @Test
    void errors_carryConnectCodes_httpStatuses_andTheProblemCodeInErrorInfo() throws Exception {
        var anonymous = call("PullSecrets", "application/json", pullJson().getBytes());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        JsonNode error = Api.JSON.readTree(anonymous.body());
        assertThat(error.get("code").asText()).isEqualTo("unauthenticated");
        assertThat(error.at("/details/0/type").asText()).isEqualTo("google.rpc.ErrorInfo");
        ErrorInfo info = ErrorInfo.parseFrom(Base64.getDecoder().decode(error.at("/details/0/value").asText()));
        assertThat(info.getReason()).isEqualTo("unauthenticated");
        assertThat(info.getDomain()).isEqualTo("hush.dev");

        var missing = call("PullSecrets", "application/json", pullJson().replace("\"dev\"", "\"nope\"").getBytes(), "Authorization", "Bearer " + token);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Api.JSON.readTree(missing.body()).get("code").asText()).isEqualTo("not_found");

        var invalid = call("SetSecret", "application/json", ("{\"env\":{\"org\":\"" + org + "\",\"project\":\"web\",\"environment\":\"dev\"},"
                + "\"key\":\"bad key\",\"plain\":\"v\"}").getBytes(), "Authorization", "Bearer " + token);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Api.JSON.readTree(invalid.body()).get("code").asText()).isEqualTo("invalid_argument");

        assertThat(call("PullSecrets", "application/json", "{not json".getBytes(), "Authorization", "Bearer " + token).statusCode()).isEqualTo(400);
        assertThat(call("NoSuchMethod", "application/json", "{}".getBytes(), "Authorization", "Bearer " + token).statusCode()).isEqualTo(404);
        assertThat(call("PullSecrets", "text/plain", "{}".getBytes(), "Authorization", "Bearer " + token).statusCode()).isEqualTo(415);

        var late = call("PullSecrets", "application/json", pullJson().getBytes(), "Authorization", "Bearer " + token, "Connect-Timeout-Ms", "0");
        assertThat(late.statusCode()).as("a deadline already past").isEqualTo(504);
        assertThat(Api.JSON.readTree(late.body()).get("code").asText()).isEqualTo("deadline_exceeded");
        assertThat(call("PullSecrets", "application/json", pullJson().getBytes(), "Authorization", "Bearer " + token, "Connect-Timeout-Ms", "soon")
                .statusCode()).isEqualTo(400);
    }
}
