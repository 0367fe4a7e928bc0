package dev.hush.kms.vault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for Vault's Transit engine that speaks its HTTP API: {@code POST /v1/<mount>/encrypt/<key>},
 * {@code POST /v1/<mount>/decrypt/<key>} (with {@code associated_data}), {@code GET /v1/<mount>/keys/<key>},
 * {@code POST /v1/<mount>/keys/<key>/rotate}, the {@code X-Vault-Token} header, Vault's {@code vault:vN:}
 * ciphertexts and its error bodies {@code {"errors":[...]}}. Real AES-256-GCM per key version. It can be
 * taken down (connection refused) and brought back on the same port, answer 503 (sealed) or 429, and add
 * latency. For tests and benchmarks only.
 */
public final class VaultTransitStandIn implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("/v1/(.+)/(encrypt|decrypt|keys)/([^/]+)(/rotate)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final Map<String, List<byte[]>> keys = new ConcurrentHashMap<>();
    private final int port;
    private volatile HttpServer server;
    private volatile int forcedStatus;
    private volatile long latencyMillis;
    public final AtomicInteger requests = new AtomicInteger();

    public VaultTransitStandIn(String token) {
        this.token = token;
        this.server = start(0);
        this.port = server.getAddress().getPort();
    }

    public String address() { return "http://127.0.0.1:" + port; }

    /** Creates a key (as {@code vault write -f transit/keys/<name>}). */
    public void createKey(String mount, String name) {
        keys.computeIfAbsent(mount + "/" + name, k -> new ArrayList<>(List.of(newKey())));
    }

    public void rotate(String mount, String name) {
        List<byte[]> versions = keys.get(mount + "/" + name);
        synchronized (versions) {
            versions.add(newKey());
        }
    }

    /** Connection refused until {@link #up()}. */
    public void down() {
        server.stop(0);
    }

    public void up() {
        server = start(port);
    }

    /** 0 for normal answers; 503 (sealed), 429 (rate limited), 500... for every request. */
    public void answerEverythingWith(int status) { this.forcedStatus = status; }

    public void latency(long millis) { this.latencyMillis = millis; }

    @Override
    public void close() { server.stop(0); }

    private HttpServer start(int onPort) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 64);
            s.setExecutor(Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "vault-stand-in");
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

    private static byte[] newKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            if (forcedStatus != 0) {
                reply(ex, forcedStatus, errors(forcedStatus == 503 ? "Vault is sealed" : forcedStatus == 429 ? "request path \"x\": rate limit quota exceeded" : "internal error"));
                return;
            }
            if (!token.equals(ex.getRequestHeaders().getFirst("X-Vault-Token"))) {
                reply(ex, 403, errors("permission denied"));
                return;
            }
            Matcher m = PATH.matcher(ex.getRequestURI().getPath());
            if (!m.matches()) {
                reply(ex, 404, errors("no handler for route"));
                return;
            }
            String keyRef = m.group(1) + "/" + m.group(3);
            List<byte[]> versions = keys.get(keyRef);
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonObject in = body.isBlank() ? new JsonObject() : Json.parse(body).asObject();
            switch (m.group(2)) {
                case "keys" -> {
                    if (versions == null) {
                        reply(ex, 404, errors());
                    } else if (m.group(4) != null) {
                        rotate(m.group(1), m.group(3));
                        reply(ex, 204, "");
                    } else {
                        reply(ex, 200, new JsonObject().add("data", new JsonObject().add("name", m.group(3)).add("type", "aes256-gcm96")
                                .add("latest_version", versions.size()).add("min_decryption_version", 1)).toString());
                    }
                }
                case "encrypt" -> {
                    if (versions == null) {
                        reply(ex, 400, errors("encryption key not found"));
                        return;
                    }
                    int version;
                    byte[] key;
                    synchronized (versions) {
                        version = versions.size();
                        key = versions.get(version - 1);
                    }
                    byte[] plaintext = Base64.getDecoder().decode(in.getString("plaintext"));
                    byte[] nonce = new byte[12];
                    RANDOM.nextBytes(nonce);
                    byte[] ct = gcm(Cipher.ENCRYPT_MODE, key, nonce, aad(in), plaintext, 0, plaintext.length);
                    byte[] out = new byte[12 + ct.length];
                    System.arraycopy(nonce, 0, out, 0, 12);
                    System.arraycopy(ct, 0, out, 12, ct.length);
                    String ciphertext = "vault:v" + version + ":" + Base64.getEncoder().encodeToString(out);
                    reply(ex, 200, new JsonObject().add("data", new JsonObject().add("ciphertext", ciphertext).add("key_version", version)).toString());
                }
                default -> {
                    if (versions == null) {
                        reply(ex, 400, errors("encryption key not found"));
                        return;
                    }
                    Matcher c = Pattern.compile("vault:v(\\d+):(.*)").matcher(in.getString("ciphertext", ""));
                    if (!c.matches()) {
                        reply(ex, 400, errors("invalid ciphertext: no prefix"));
                        return;
                    }
                    int version = Integer.parseInt(c.group(1));
                    byte[] key;
                    synchronized (versions) {
                        key = version >= 1 && version <= versions.size() ? versions.get(version - 1) : null;
                    }
                    byte[] blob = Base64.getDecoder().decode(c.group(2));
                    if (key == null || blob.length < 28) {
                        reply(ex, 400, errors("invalid key version"));
                        return;
                    }
                    try {
                        byte[] plain = gcm(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(blob, 12), aad(in), blob, 12, blob.length - 12);
                        reply(ex, 200, new JsonObject().add("data", new JsonObject().add("plaintext", Base64.getEncoder().encodeToString(plain))).toString());
                    } catch (GeneralSecurityException e) {
                        reply(ex, 400, errors("cipher: message authentication failed"));
                    }
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            reply(ex, 500, errors("internal error"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] aad(JsonObject in) {
        String ad = in.getString("associated_data", null);
        return ad == null ? new byte[0] : Base64.getDecoder().decode(ad);
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input, int off, int len) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(aad);
        return c.doFinal(input, off, len);
    }

    private static String errors(String... messages) {
        StringBuilder sb = new StringBuilder("{\"errors\":[");
        for (int i = 0; i < messages.length; i++) {
            sb.append(i == 0 ? "" : ",").append(Json.value(messages[i]).toString());
        }
        return sb.append("]}").toString();
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            ex.getResponseBody().write(bytes);
        }
    }
}
