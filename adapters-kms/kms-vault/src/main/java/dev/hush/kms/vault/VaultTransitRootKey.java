package dev.hush.kms.vault;

import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.WrappedKey;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps with {@code POST <mount>/encrypt/<key>} and unwraps with {@code <mount>/decrypt/<key>}; the
 * stored ciphertext is Vault's own {@code vault:vN:...} string, so the key version that wrapped it is
 * known (and {@code rewrap}/rotation in Vault keeps old versions decrypting). Thread-safe: calls share one
 * HTTP client, whose pool keeps connections to Vault open between calls.
 */
final class VaultTransitRootKey implements RootKey {
    private static final Pattern VAULT_CIPHERTEXT = Pattern.compile("vault:v(\\d{1,9}):[A-Za-z0-9+/=]+");

    private final Vault vault;
    private final String mount;
    private final String keyName;
    private final String keyId;
    private volatile boolean closed;

    VaultTransitRootKey(String address, String token, String mount, String keyName, String namespace, int timeoutSeconds) {
        try {
            // One HTTP client for the key's lifetime: without it the driver builds a client per call (a new
            // connection, and a TLS handshake on https, for every wrap and unwrap). The same settings it would
            // use: HTTP/1.1, the connect timeout, the JDK's default TLS trust; the read timeout stays per request.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
            VaultConfig config = new VaultConfig().address(address).token(token).engineVersion(1)
                    .openTimeout(timeoutSeconds).readTimeout(timeoutSeconds).httpClient(http);
            if (namespace != null) {
                config.nameSpace(namespace);
            }
            this.vault = Vault.create(config.build());
        } catch (VaultException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "invalid Vault configuration", e);
        }
        this.mount = mount;
        this.keyName = keyName;
        this.keyId = "vault:" + (namespace == null ? "" : namespace + "/") + mount + "/" + keyName;
    }

    @Override
    public String keyId() { return keyId; }

    @Override
    public WrappedKey wrap(byte[] keyMaterial, byte[] context) {
        check();
        Map<String, Object> body = new HashMap<>();
        body.put("plaintext", Base64.getEncoder().encodeToString(keyMaterial));
        if (context.length > 0) {
            body.put("associated_data", Base64.getEncoder().encodeToString(context));
        }
        LogicalResponse r = call(() -> vault.logical().write(mount + "/encrypt/" + keyName, body), false);
        String ciphertext = r.getData().get("ciphertext");
        Matcher m = ciphertext == null ? null : VAULT_CIPHERTEXT.matcher(ciphertext);
        if (m == null || !m.matches()) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE, "Vault answered encrypt without a ciphertext");
        }
        return new WrappedKey(keyId, m.group(1), ciphertext.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] context) {
        check();
        String ciphertext = new String(wrapped.ciphertext(), StandardCharsets.US_ASCII);
        if (!keyId.equals(wrapped.keyId()) || !VAULT_CIPHERTEXT.matcher(ciphertext).matches()) {
            throw KmsException.integrity();
        }
        Map<String, Object> body = new HashMap<>();
        body.put("ciphertext", ciphertext);
        if (context.length > 0) {
            body.put("associated_data", Base64.getEncoder().encodeToString(context));
        }
        LogicalResponse r = call(() -> vault.logical().write(mount + "/decrypt/" + keyName, body), true);
        String plaintext = r.getData().get("plaintext");
        if (plaintext == null) {
            throw KmsException.integrity();
        }
        try {
            return Base64.getDecoder().decode(plaintext);
        } catch (IllegalArgumentException e) {
            throw KmsException.integrity();
        }
    }

    /** Reads the key's metadata: reachable, authorized, and the key exists. */
    @Override
    public void probe() {
        check();
        LogicalResponse r = call(() -> vault.logical().read(mount + "/keys/" + keyName), false);
        if (r.getData() == null || !r.getData().containsKey("latest_version")) {
            throw new KmsException(KmsException.Kind.KEY_NOT_FOUND, "Vault has no Transit key " + mount + "/" + keyName);
        }
    }

    interface VaultCall {
        LogicalResponse run() throws VaultException;
    }

    private LogicalResponse call(VaultCall call, boolean decrypting) {
        LogicalResponse r;
        try {
            r = call.run();
        } catch (VaultException e) {
            throw translate(e.getHttpStatusCode(), e.getMessage(), decrypting, e);
        } catch (RuntimeException e) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE, "Vault call failed: " + e.getClass().getSimpleName(), e);
        }
        int status = r.getRestResponse() == null ? 200 : r.getRestResponse().getStatus();
        if (status >= 300) {
            throw translate(status, new String(r.getRestResponse().getBody(), StandardCharsets.UTF_8), decrypting, null);
        }
        return r;
    }

    /** Vault's answers, by status: 400 on decrypt is a ciphertext or associated data that does not open. */
    static KmsException translate(int status, String message, boolean decrypting, Throwable cause) {
        String text = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        if (status == 400 && decrypting) {
            return text.contains("key not found") || text.contains("encryption key not found")
                    ? new KmsException(KmsException.Kind.KEY_NOT_FOUND, "Vault: the Transit key does not exist", cause)
                    : KmsException.integrity();
        }
        return switch (status) {
            case 0 -> new KmsException(KmsException.Kind.UNAVAILABLE, "Vault cannot be reached", cause);
            case 401, 403 -> new KmsException(KmsException.Kind.ACCESS_DENIED, "Vault refused the token (HTTP " + status + ")", cause);
            case 404 -> new KmsException(KmsException.Kind.KEY_NOT_FOUND, "Vault: no such Transit key or mount (HTTP 404)", cause);
            case 412, 429 -> new KmsException(KmsException.Kind.THROTTLED, "Vault is rate limiting (HTTP " + status + ")", cause);
            case 400 -> new KmsException(KmsException.Kind.MISCONFIGURED, "Vault rejected the request (HTTP 400)", cause);
            default -> status >= 500
                    ? new KmsException(KmsException.Kind.UNAVAILABLE, "Vault is unavailable or sealed (HTTP " + status + ")", cause)
                    : new KmsException(KmsException.Kind.UNAVAILABLE, "Vault answered HTTP " + status, cause);
        };
    }

    private void check() {
        if (closed) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE, "root key is closed");
        }
    }

    @Override
    public void close() { closed = true; }

    @Override
    public String toString() { return "VaultTransitRootKey[" + keyId + "]"; }
}
