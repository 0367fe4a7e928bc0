package dev.hush.kms.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for AWS KMS speaking its wire protocol (AWS JSON 1.1: {@code POST /},
 * {@code X-Amz-Target: TrentService.Encrypt|Decrypt|DescribeKey}, base64 blobs, errors as
 * {@code {"__type": ..., "message": ...}}), with real AES-256-GCM per key and the encryption context bound
 * as associated data. Keys are addressed by id, ARN or alias. It checks that requests are SigV4-signed with
 * the expected access key id. It can be taken down (connection refused), answer throttling or 500s, and
 * add latency. For tests and benchmarks only.
 */
public final class AwsKmsStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String ACCESS_KEY = "AKIAHUSHSTANDIN00001";
    public static final String SECRET_KEY = "hush-stand-in-secret-key";

    private record Key(String arn, byte[] material) {}

    private final Map<String, Key> byRef = new ConcurrentHashMap<>();
    private final int port;
    private volatile HttpServer server;
    private volatile String forcedError;
    private volatile long latencyMillis;
    public final AtomicInteger requests = new AtomicInteger();

    public AwsKmsStandIn() {
        server = start(0);
        port = server.getAddress().getPort();
    }

    public String endpoint() { return "http://127.0.0.1:" + port; }

    /** Creates a key and an alias for it; returns the key ARN. */
    public String createKey(String alias) {
        String id = UUID.randomUUID().toString();
        String arn = "arn:aws:kms:eu-west-1:111122223333:key/" + id;
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        Key k = new Key(arn, material);
        byRef.put(id, k);
        byRef.put(arn, k);
        byRef.put("alias/" + alias, k);
        return arn;
    }

    /** Points an alias at another key (AWS's manual rotation): returns the new key's ARN. */
    public String repointAlias(String alias) {
        String arn = createKey(alias + "-next");
        byRef.put("alias/" + alias, byRef.get(arn));
        return arn;
    }

    public void down() { server.stop(0); }

    public void up() { server = start(port); }

    /** An error {@code __type} for every request ({@code ThrottlingException}, {@code KMSInternalException}...), or null. */
    public void answerEverythingWith(String errorType) { this.forcedError = errorType; }

    public void latency(long millis) { this.latencyMillis = millis; }

    @Override
    public void close() { server.stop(0); }

    private HttpServer start(int onPort) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 64);
            s.setExecutor(Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "aws-kms-stand-in");
                t.setDaemon(true);
                return t;
            }));
            s.createContext("/", this::handle);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            if (forcedError != null) {
                error(ex, forcedError.equals("KMSInternalException") ? 500 : 400, forcedError);
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")) {
                error(ex, 400, "UnrecognizedClientException");
                return;
            }
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode in = JSON.readTree(ex.getRequestBody().readAllBytes());
            Key key = in.hasNonNull("KeyId") ? byRef.get(in.get("KeyId").asText()) : null;
            switch (target == null ? "" : target) {
                case "TrentService.DescribeKey" -> {
                    if (key == null) {
                        error(ex, 400, "NotFoundException");
                        return;
                    }
                    ObjectNode meta = JSON.createObjectNode().put("KeyId", key.arn().substring(key.arn().lastIndexOf('/') + 1))
                            .put("Arn", key.arn()).put("Enabled", true).put("KeyState", "Enabled").put("KeyUsage", "ENCRYPT_DECRYPT");
                    ok(ex, JSON.createObjectNode().set("KeyMetadata", meta));
                }
                case "TrentService.Encrypt" -> {
                    if (key == null) {
                        error(ex, 400, "NotFoundException");
                        return;
                    }
                    byte[] plaintext = Base64.getDecoder().decode(in.get("Plaintext").asText());
                    byte[] nonce = new byte[12];
                    RANDOM.nextBytes(nonce);
                    byte[] arn = key.arn().getBytes(StandardCharsets.US_ASCII);
                    byte[] ct = gcm(Cipher.ENCRYPT_MODE, key.material(), nonce, aad(in), plaintext, 0, plaintext.length);
                    // Blob: arn length, arn, nonce, ciphertext+tag (real KMS blobs also carry the key reference).
                    byte[] blob = java.nio.ByteBuffer.allocate(1 + arn.length + 12 + ct.length).put((byte) arn.length).put(arn).put(nonce).put(ct).array();
                    ok(ex, JSON.createObjectNode().put("CiphertextBlob", Base64.getEncoder().encodeToString(blob)).put("KeyId", key.arn())
                            .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
                }
                case "TrentService.Decrypt" -> {
                    byte[] blob = Base64.getDecoder().decode(in.path("CiphertextBlob").asText(""));
                    int arnLength = blob.length == 0 ? 0 : blob[0] & 0xff;
                    if (blob.length < 1 + arnLength + 12 + 16 || arnLength == 0) {
                        error(ex, 400, "InvalidCiphertextException");
                        return;
                    }
                    Key owner = byRef.get(new String(blob, 1, arnLength, StandardCharsets.US_ASCII));
                    if (owner == null) {
                        error(ex, 400, "InvalidCiphertextException");
                        return;
                    }
                    if (key != null && !key.arn().equals(owner.arn())) {
                        error(ex, 400, "IncorrectKeyException");
                        return;
                    }
                    int off = 1 + arnLength;
                    try {
                        byte[] plain = gcm(Cipher.DECRYPT_MODE, owner.material(), java.util.Arrays.copyOfRange(blob, off, off + 12), aad(in),
                                blob, off + 12, blob.length - off - 12);
                        ok(ex, JSON.createObjectNode().put("Plaintext", Base64.getEncoder().encodeToString(plain)).put("KeyId", owner.arn())
                                .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
                    } catch (GeneralSecurityException e) {
                        error(ex, 400, "InvalidCiphertextException");
                    }
                }
                default -> error(ex, 400, "UnknownOperationException");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            error(ex, 500, "KMSInternalException");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The encryption context, canonical: sorted key=value pairs. */
    private static byte[] aad(JsonNode in) {
        Map<String, String> ctx = new TreeMap<>();
        JsonNode c = in.get("EncryptionContext");
        if (c != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                var e = it.next();
                ctx.put(e.getKey(), e.getValue().asText());
            }
        }
        return ctx.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input, int off, int len) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(aad);
        return c.doFinal(input, off, len);
    }

    private static void ok(HttpExchange ex, JsonNode body) throws IOException { send(ex, 200, JSON.writeValueAsBytes(body)); }

    private static void error(HttpExchange ex, int status, String type) throws IOException {
        ex.getResponseHeaders().set("x-amzn-ErrorType", type);
        send(ex, status, JSON.writeValueAsBytes(JSON.createObjectNode().put("__type", type).put("message", type)));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }
}
