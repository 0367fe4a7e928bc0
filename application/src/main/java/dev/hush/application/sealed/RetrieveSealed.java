package dev.hush.application.sealed;

import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.RsaOaep;
import dev.hush.application.crypto.SealedBundle;
import dev.hush.application.crypto.X25519Bundle;
import dev.hush.application.json.Json;
import dev.hush.application.secret.Paging;
import dev.hush.application.secret.PullSecrets;
import dev.hush.application.secret.SecretQuery;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Sealed retrieval: an environment's values (all, or by name and/or all given tags) sealed to a client's
 * temporary RSA key, so only that client can read them. Counted and audited as a pull. The sealed
 * plaintext is UTF-8 JSON {@code {"secrets":[{"name","environment","value","version","tags"}]}}.
 */
public final class RetrieveSealed {
    private final PullSecrets pull;

    public RetrieveSealed(PullSecrets pull) { this.pull = pull; }

    /**
     * The bundle and how many values it holds; with {@code notModified} (the client's {@code If-None-Match} named the
     * current entity tag) no bundle and no value read. {@code etag} names the values, not the bundle: it is the same
     * for every client key while the environment is unchanged.
     */
    public record Result(SealedBundle bundle, int count, String etag, boolean notModified) {}

    public Result retrieve(Caller caller, String orgRef, String project, String env, List<String> names, List<String> tags,
                           String field, String publicKeyPem) {
        return retrieve(caller, orgRef, project, env, names, tags, field, publicKeyPem, null, true);
    }

    /** {@code resolve}: references in values resolved (see {@link PullSecrets}), else returned as written. */
    public Result retrieve(Caller caller, String orgRef, String project, String env, List<String> names, List<String> tags,
                           String field, String publicKeyPem, String ifNoneMatch, boolean resolve) {
        RSAPublicKey clientKey = RsaOaep.parseClientKey(field, publicKeyPem);
        return seal(caller, orgRef, project, env, names, tags, "sealed-rsa", ifNoneMatch, resolve, plaintext -> SealedBundle.seal(clientKey, plaintext));
    }

    /** The X25519 variant: the bundle's key comes from an exchange with the client's ephemeral X25519 key. */
    public record X25519Result(X25519Bundle bundle, int count, String etag, boolean notModified) {}

    public X25519Result retrieveX25519(Caller caller, String orgRef, String project, String env, List<String> names, List<String> tags,
                                       String field, String clientKeyB64) {
        return retrieveX25519(caller, orgRef, project, env, names, tags, field, clientKeyB64, null, true);
    }

    public X25519Result retrieveX25519(Caller caller, String orgRef, String project, String env, List<String> names, List<String> tags,
                                       String field, String clientKeyB64, String ifNoneMatch, boolean resolve) {
        byte[] clientKey = X25519Bundle.parseClientKey(field, clientKeyB64);
        X25519Bundle[] out = new X25519Bundle[1];
        Result r = seal(caller, orgRef, project, env, names, tags, "sealed-x25519", ifNoneMatch, resolve, plaintext -> {
            out[0] = X25519Bundle.seal(clientKey, plaintext);
            return null;
        });
        return new X25519Result(out[0], r.count(), r.etag(), r.notModified());
    }

    private Result seal(Caller caller, String orgRef, String project, String env, List<String> names, List<String> tags, String variant,
                        String ifNoneMatch, boolean resolve, java.util.function.Function<byte[], SealedBundle> sealer) {
        SecretQuery query = new SecretQuery(tags, names == null ? Set.of() : Set.copyOf(names), "", Paging.ALL);
        var pulled = pull.pull(caller, orgRef, project, env, query, false, resolve, variant, ifNoneMatch);
        if (pulled.notModified()) {
            return new Result(null, 0, pulled.etag(), true);
        }
        StringBuilder json = new StringBuilder(256 + 128 * pulled.secrets().size()).append("{\"secrets\":[");
        for (int i = 0; i < pulled.secrets().size(); i++) {
            var p = pulled.secrets().get(i);
            json.append(i == 0 ? "{" : ",{").append("\"name\":");
            Json.string(json, p.secret().key().value());
            json.append(",\"environment\":");
            Json.string(json, env);
            json.append(",\"value\":");
            Json.string(json, p.value());
            json.append(",\"version\":").append(p.secret().version());
            if (!p.unresolved().isEmpty()) {
                json.append(",\"unresolved\":[");
                for (int j = 0; j < p.unresolved().size(); j++) {
                    if (j > 0) {
                        json.append(',');
                    }
                    Json.string(json, p.unresolved().get(j));
                }
                json.append(']');
            }
            json.append(",\"tags\":[");
            List<String> t = p.secret().tags().values();
            for (int j = 0; j < t.size(); j++) {
                if (j > 0) {
                    json.append(',');
                }
                Json.string(json, t.get(j));
            }
            json.append("]}");
        }
        json.append("]}");
        byte[] plaintext = json.toString().getBytes(StandardCharsets.UTF_8);
        json.setLength(0);
        try {
            return new Result(sealer.apply(plaintext), pulled.secrets().size(), pulled.etag(), false);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
