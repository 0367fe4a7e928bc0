package dev.hush.bootstrap.rpc;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that is not ours: {@code @connectrpc/connect-node} 2.2.0 from npm ({@code src/test/connect-client}, installed
 * by {@code npm ci} in {@code .ci/run}) calls Hush with the Connect protocol in JSON and in binary on the HTTP port,
 * and with the gRPC protocol on the gRPC port: a set, a pull, a listing, the WatchEnvironment stream, and the refusals
 * (no token, a missing environment, an invalid key) with their codes and ErrorInfo reasons. Skipped when the client is not installed,
 * unless {@code CI=true}.
 */
class ConnectNpmClientTest {
    private static final Path CLIENT = Path.of("src", "test", "connect-client").toAbsolutePath();

    /** {@code file} after everything it imports, each once. */
    private static void withImports(com.google.protobuf.Descriptors.FileDescriptor file, Map<String, com.google.protobuf.DescriptorProtos.FileDescriptorProto> out) {
        for (var imported : file.getDependencies()) {
            withImports(imported, out);
        }
        out.putIfAbsent(file.getName(), file.toProto());
    }

    @Test
    void theOfficialConnectClient_speaksConnectJsonBinaryAndGrpc_withHush() throws Exception {
        boolean installed = Files.isDirectory(CLIENT.resolve("node_modules/@connectrpc/connect-node"));
        TestServer.requireNpm(installed, "the npm Connect client");

        Path dir = Files.createTempDirectory("hush-connect-npm");
        try (TestServer server = TestServer.withGrpc(dir.resolve("data"), Map.of())) {
            int grpcPort = server.grpcPort;
            Api.Owner owner = Api.ownerWithProject(server.base, "npm@example.com", "npm client password", "web");
            String org = owner.org();
            String token = owner.token();

            // The service as the server's own generated code describes it, with what it imports.
            Path descriptors = dir.resolve("hush.binpb");
            Map<String, com.google.protobuf.DescriptorProtos.FileDescriptorProto> files = new java.util.LinkedHashMap<>();
            withImports(dev.hush.rpc.v1.Secrets.getDescriptor(), files);
            withImports(com.google.rpc.ErrorDetailsProto.getDescriptor(), files);
            Files.write(descriptors, FileDescriptorSet.newBuilder().addAllFile(files.values()).build().toByteArray());

            ProcessBuilder pb = new ProcessBuilder("node", "client.mjs").directory(CLIENT.toFile());
            pb.environment().put("HUSH_URL", server.base.toString());
            pb.environment().put("HUSH_GRPC_URL", "http://127.0.0.1:" + grpcPort);
            pb.environment().put("HUSH_TOKEN", token);
            pb.environment().put("HUSH_ORG", org);
            pb.environment().put("HUSH_DESCRIPTORS", descriptors.toString());
            pb.redirectError(dir.resolve("node-stderr.txt").toFile());
            Process node = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            node.getInputStream().transferTo(out);
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as(Files.readString(dir.resolve("node-stderr.txt"))).isZero();
            JsonNode result = Api.JSON.readTree(out.toString(StandardCharsets.UTF_8));

            for (String transport : new String[] {"connectJson", "connectBinary", "grpc"}) {
                JsonNode r = result.get(transport);
                String name = transport.equals("connectJson") ? "json" : transport.equals("connectBinary") ? "binary" : "grpc";
                String key = "FROM_" + name.toUpperCase(java.util.Locale.ROOT);
                assertThat(r.at("/set/created").asBoolean()).as(transport).isTrue();
                assertThat(r.at("/set/version").asInt()).as(transport).isEqualTo(1);
                assertThat(r.get("pulled")).as(transport).extracting(JsonNode::asText).containsExactly(key + "=" + name + "-canary");
                assertThat(r.get("listed")).as(transport).extracting(JsonNode::asText).contains(key + ":true:no value");
                assertThat(r.at("/anonymous/code").asText() + " " + r.at("/anonymous/reason").asText()).as(transport)
                        .isEqualTo("Unauthenticated unauthenticated");
                assertThat(r.at("/missing/code").asText() + " " + r.at("/missing/reason").asText()).as(transport)
                        .isEqualTo("NotFound environment_not_found");
                assertThat(r.at("/invalid/code").asText() + " " + r.at("/invalid/reason").asText()).as(transport)
                        .isEqualTo("InvalidArgument validation_failed");
                assertThat(r.at("/watched/ok").asText()).as(transport + ": WatchEnvironment").isEqualTo("secret.created " + key + " revision>0:true");
            }
            assertThat(result.at("/timeout/code").asText()).isEqualTo("DeadlineExceeded");
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
