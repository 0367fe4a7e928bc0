package dev.hush.web.secret;

import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.X25519Bundle;
import dev.hush.application.sealed.RetrieveSealed;
import dev.hush.application.secret.BulkImportSecrets;
import dev.hush.application.secret.DeleteSecrets;
import dev.hush.application.secret.DiffEnvironments;
import dev.hush.application.secret.ListSecretKeys;
import dev.hush.application.secret.Paging;
import dev.hush.application.secret.PromoteSecrets;
import dev.hush.application.secret.PullSecrets;
import dev.hush.application.secret.SecretChange;
import dev.hush.application.secret.SecretHistory;
import dev.hush.application.secret.SecretQuery;
import dev.hush.application.secret.SetSecret;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.Secret;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Secrets of one environment; routes name the organization by slug. */
@Controller("/v1/secrets/{org}/{project}")
@ExecuteOn("blocking")
@Tag(name = "secrets")
final class SecretsController {
    private final SetSecret setSecret;
    private final PullSecrets pullSecrets;
    private final ListSecretKeys listKeys;
    private final SecretHistory history;
    private final BulkImportSecrets bulkImport;
    private final PromoteSecrets promote;
    private final DeleteSecrets delete;
    private final RetrieveSealed retrieveSealed;
    private final DiffEnvironments diff;

    SecretsController(SetSecret setSecret, PullSecrets pullSecrets, ListSecretKeys listKeys, SecretHistory history,
                      BulkImportSecrets bulkImport, PromoteSecrets promote, DeleteSecrets delete, RetrieveSealed retrieveSealed,
                      DiffEnvironments diff) {
        this.diff = diff;
        this.retrieveSealed = retrieveSealed;
        this.setSecret = setSecret;
        this.pullSecrets = pullSecrets;
        this.listKeys = listKeys;
        this.history = history;
        this.bulkImport = bulkImport;
        this.promote = promote;
        this.delete = delete;
    }

    @Put("/{env}")
    @Operation(summary = "Set a secret (a changed value becomes a new version); the value plain, or sealed to the organization's RSA "
            + "or X25519 public key; without a value, define it or update its metadata")
    SecretDtos.SetResult set(Caller caller, @PathVariable String org, @PathVariable String project, @PathVariable String env,
                             @Body SecretDtos.SetRequest body) {
        SecretInput in = SecretInput.of("", body.key(), body.value(), body.tags(), body.purposeType(), body.description(),
                body.encryptedValue(), body.encryptedKey(), body.sealed(), body.algorithm(), body.ephemeralPublicKey());
        var r = in.sealed().isPresent()
                ? setSecret.setSealed(caller, org, project, env, in.change(), in.sealed().get())
                : setSecret.set(caller, org, project, env, in.change());
        Secret s = r.secret();
        return new SecretDtos.SetResult(s.key().value(), s.version(), r.created(), r.changed(), s.hasValue(), s.tags().values(),
                s.purposeType().name(), s.description(), s.updatedAt());
    }

    @Post("/{env}/retrieve")
    @Operation(summary = "Sealed retrieval: values (all, or by names and/or tags) sealed to a temporary RSA public key of the client (publicKeyPem), "
            + "or to an ephemeral X25519 key (x25519PublicKey); If-None-Match with the ETag of an earlier answer gets 304 while nothing changed")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the sealed bundle",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = SecretDtos.RetrieveResult.class)))
    HttpResponse<?> retrieve(Caller caller, @PathVariable String org, @PathVariable String project, @PathVariable String env,
                             @Body SecretDtos.RetrieveRequest body, @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        List<String> keys = body.keys() != null ? body.keys() : body.names();
        if (body.x25519PublicKey() != null) {
            var x = retrieveSealed.retrieveX25519(caller, org, project, env, keys, body.tags(), "x25519PublicKey", body.x25519PublicKey(), ifNoneMatch,
                    !Boolean.FALSE.equals(body.resolve()));
            return x.notModified() ? notModified(x.etag()) : tagged(HttpResponse.ok(new SecretDtos.RetrieveResult(x.bundle().encryptedSecrets(), null,
                    null, null, x.bundle().serverPublicKey(), X25519Bundle.ALGORITHM, x.count())), x.etag());
        }
        boolean camel = body.publicKeyPem() != null;
        var r = retrieveSealed.retrieve(caller, org, project, env, body.keys() != null ? body.keys() : body.names(), body.tags(),
                camel || body.public_key_pem() == null ? "publicKeyPem" : "public_key_pem", camel ? body.publicKeyPem() : body.public_key_pem(),
                ifNoneMatch, !Boolean.FALSE.equals(body.resolve()));
        return r.notModified() ? notModified(r.etag()) : tagged(HttpResponse.ok(new SecretDtos.RetrieveResult(r.bundle().encryptedSecrets(),
                r.bundle().encryptedKey(), r.bundle().encryptedSecrets(), r.bundle().encryptedKey(), null, SEALED_BUNDLE_ALGORITHM, r.count())), r.etag());
    }

    /** 304: the client's copy is current; no value was read. */
    private static HttpResponse<?> notModified(String etag) {
        return HttpResponse.notModified().header(HttpHeaders.ETAG, etag);
    }

    private static <T> MutableHttpResponse<T> tagged(MutableHttpResponse<T> response, String etag) {
        return etag == null ? response : response.header(HttpHeaders.ETAG, etag);
    }

    /** A pull as a .env file ({@code format=dotenv}). */
    static final String DOTENV = "text/plain;charset=utf-8";

    /** How a retrieved bundle is sealed. */
    static final String SEALED_BUNDLE_ALGORITHM = "RSA-OAEP-256+A256GCM";

    @Get(uri = "/{env}", produces = {MediaType.APPLICATION_JSON, DOTENV})
    @Operation(summary = "Pull secrets with values (mode=full, counted as an access) or masked (mode=preview); format=map answers "
            + "{\"KEY\": \"value\", ...} (External Secrets Operator's webhook provider), format=dotenv a .env file; references (${KEY}, ${env.KEY}, ${project.env.KEY}) are resolved unless resolve=false")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the secrets (format=json), a map or a .env file",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = SecretDtos.PullResult.class)))
    HttpResponse<?> pull(Caller caller, @PathVariable String org, @PathVariable String project, @PathVariable String env,
                         @Nullable @QueryValue String tags, @Nullable @QueryValue String keys, @Nullable @QueryValue String mode,
                         @Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset, @Nullable @QueryValue String search,
                         @Nullable @QueryValue String format, @Nullable @QueryValue Boolean resolve,
                         @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        boolean preview = parseMode(mode);
        String shape = format == null ? "json" : format;
        if (!List.of("json", "map", "dotenv").contains(shape)) {
            throw Rejection.invalid("format", "must be json, map or dotenv");
        }
        var r = pullSecrets.pull(caller, org, project, env, query(tags, keys, search, limit, offset), preview, !Boolean.FALSE.equals(resolve), shape,
                ifNoneMatch);
        if (r.notModified()) {
            return notModified(r.etag());
        }
        if (!shape.equals("json")) {
            Map<String, String> values = new LinkedHashMap<>();
            r.secrets().forEach(p -> values.put(p.secret().key().value(), p.value() == null ? "" : p.value()));
            return shape.equals("map") ? tagged(HttpResponse.ok(values), r.etag())
                    : tagged(HttpResponse.ok(dev.hush.domain.secret.DotEnv.format(values)).contentType(DOTENV), r.etag());
        }
        return tagged(HttpResponse.ok(new SecretDtos.PullResult(r.secrets().stream().map(p -> new SecretDtos.PulledSecret(p.secret().key().value(), p.value(),
                p.secret().version(), p.secret().tags().values(), p.secret().purposeType().name(), p.secret().description(),
                p.secret().updatedAt(), p.unresolved())).toList(), r.pagination().map(SecretsController::pagination).orElse(null))), r.etag());
    }

    @Get("/{env}/keys")
    @Operation(summary = "Secret metadata without values")
    SecretDtos.KeysResult keys(Caller caller, @PathVariable String org, @PathVariable String project, @PathVariable String env,
                               @Nullable @QueryValue String tags, @Nullable @QueryValue String keys,
                               @Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset, @Nullable @QueryValue String search) {
        var r = listKeys.list(caller, org, project, env, query(tags, keys, search, limit, offset));
        return new SecretDtos.KeysResult(r.secrets().stream().map(s -> new SecretDtos.KeyInfo(s.id(), s.key().value(), s.version(), s.tags().values(),
                s.purposeType().name(), s.description(), s.hasValue(), s.accessCount(), s.lastAccessedAt().orElse(null), s.updatedAt())).toList(),
                r.pagination().map(SecretsController::pagination).orElse(null));
    }

    @Get("/{env}/versions/{key}")
    @Operation(summary = "Version history of a secret; reveal=true adds values (needs read right, counted as an access)")
    SecretDtos.VersionsResult versions(Caller caller, @PathVariable String org, @PathVariable String project, @PathVariable String env,
                                       @PathVariable String key, @Nullable @QueryValue Boolean reveal) {
        var entries = history.history(caller, org, project, env, key, Boolean.TRUE.equals(reveal));
        return new SecretDtos.VersionsResult(key, entries.stream().map(e -> new SecretDtos.VersionInfo(e.version().version(),
                e.version().createdAt(), e.version().createdBy().orElse(null), e.author().orElse(null), e.version().deleted(), e.value().orElse(null)))
                .toList());
    }

    @Post("/{env}/versions/{key}/restore")
    @Operation(summary = "Restore an earlier version: its value becomes a new version (write right; the value is not returned)")
    SecretDtos.SetResult restore(Caller caller, @PathVariable String org, @PathVariable String project, @PathVariable String env,
                                 @PathVariable String key, @Body SecretDtos.RestoreRequest body) {
        if (body.version() == null || body.version() < 1) {
            throw Rejection.invalid("version", "must be a version number (1 or more)");
        }
        var r = setSecret.restore(caller, org, project, env, key, body.version());
        Secret s = r.secret();
        return new SecretDtos.SetResult(s.key().value(), s.version(), r.created(), r.changed(), s.hasValue(), s.tags().values(),
                s.purposeType().name(), s.description(), s.updatedAt());
    }

    @Post("/{env}/bulk")
    @Operation(summary = "Set many secrets at once (each plain, or sealed like PUT, RSA or X25519): all or nothing")
    SecretDtos.BulkResult bulk(Caller caller, HttpRequest<?> request, @PathVariable String org, @PathVariable String project, @PathVariable String env,
                               @Body SecretDtos.BulkRequest body) {
        if (body.secrets() == null) {
            throw Rejection.invalid("secrets", "is required");
        }
        if (body.secrets().size() > BulkImportSecrets.MAX_ENTRIES) {
            throw Rejection.invalid("secrets", "at most " + BulkImportSecrets.MAX_ENTRIES + " entries per request");
        }
        List<SecretChange> changes = new ArrayList<>(body.secrets().size());
        List<Optional<SetSecret.Sealed>> sealed = new ArrayList<>(body.secrets().size());
        List<Rejection.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.secrets().size(); i++) {
            var e = body.secrets().get(i);
            String at = "secrets[" + i + "]";
            try {
                if (e == null) {
                    throw Rejection.invalid(at, "must be an object");
                }
                SecretInput in = SecretInput.of(at + ".", e.key(), e.value(), e.tags(), e.purposeType(), e.description(),
                        e.encryptedValue(), e.encryptedKey(), e.sealed(), e.algorithm(), e.ephemeralPublicKey());
                if (in.sealed().isEmpty() && e.value() == null) {
                    throw Rejection.invalid(at + ".value", "is required");
                }
                sealed.add(in.sealed());
                changes.add(in.change());
            } catch (Rejection r) {
                errors.addAll(r.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new Rejection(Rejection.Kind.INVALID, "validation_failed",
                    errors.size() + " of " + body.secrets().size() + " entries are invalid; nothing was written.", errors);
        }
        var r = bulkImport.importAll(caller, org, project, env, changes, sealed);
        return new SecretDtos.BulkResult(r.created(), r.updated(), r.unchanged());
    }

    @Get("/diff")
    @Operation(summary = "How two environments differ: keys only in one, keys whose values differ (compared on the server, no value "
            + "returned; needs the read right on both, audited) and keys whose metadata differs")
    SecretDtos.DiffResult diff(Caller caller, @PathVariable String org, @PathVariable String project, @QueryValue String from,
                               @QueryValue String to) {
        var r = diff.diff(caller, org, project, from, to);
        return new SecretDtos.DiffResult(r.from(), r.to(), r.onlyInFrom(), r.onlyInTo(),
                r.changed().stream().map(c -> new SecretDtos.ChangedKey(c.key(), c.differences())).toList(), r.same(), r.identical());
    }

    @Post("/promote")
    @Operation(summary = "Copy the latest values of one environment into another as new versions")
    SecretDtos.PromoteResult promote(Caller caller, @PathVariable String org, @PathVariable String project,
                                     @Body SecretDtos.PromoteRequest body) {
        var r = promote.promote(caller, org, project, body.from(), body.to(), body.keys(), Boolean.TRUE.equals(body.strict()));
        return new SecretDtos.PromoteResult(r.promoted(), r.created(), r.updated(), r.unchanged());
    }

    @Post("/{env}/bulk-delete")
    @Operation(summary = "Soft-delete many secrets (owner/admin): all or nothing")
    SecretDtos.BulkDeleteResult bulkDelete(Caller caller, @PathVariable String org, @PathVariable String project,
                                           @PathVariable String env, @Body SecretDtos.BulkDeleteRequest body) {
        return new SecretDtos.BulkDeleteResult(delete.deleteMany(caller, org, project, env, body.keys()));
    }

    @Delete("/{env}/{key}")
    @Operation(summary = "Soft-delete a secret: gone from pulls and key lists, history kept")
    HttpResponse<?> deleteOne(Caller caller, @PathVariable String org, @PathVariable String project, @PathVariable String env,
                              @PathVariable String key) {
        delete.deleteOne(caller, org, project, env, key);
        return HttpResponse.noContent();
    }

    private static boolean parseMode(String mode) {
        if (mode == null || mode.equalsIgnoreCase("full")) {
            return false;
        }
        if (mode.equalsIgnoreCase("preview") || mode.equals("PreviewOnly")) {
            return true;
        }
        throw Rejection.invalid("mode", "must be full or preview");
    }

    private static SecretQuery query(String tags, String keys, String search, Integer limit, Integer offset) {
        return new SecretQuery(split(tags), Set.copyOf(split(keys)), search, Paging.of(limit, offset));
    }

    private static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static SecretDtos.Pagination pagination(Paging.Info i) {
        return new SecretDtos.Pagination(i.limit(), i.offset(), i.total());
    }
}
