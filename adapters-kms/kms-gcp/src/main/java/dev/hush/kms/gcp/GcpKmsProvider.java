package dev.hush.kms.gcp;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import dev.hush.kms.spi.ConfigProperty;
import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.RootKeyProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Opens a symmetric Google Cloud KMS crypto key ({@code key-name}
 * {@code projects/P/locations/L/keyRings/R/cryptoKeys/K}). Credentials are Application Default
 * Credentials unless {@code credentials-file} names a service-account JSON. {@code endpoint} replaces
 * {@code cloudkms.googleapis.com:443} (a private endpoint); the connection is always TLS.
 *
 * <p>{@link #open} builds the client (the host has validated the configuration) but sends no request, so Hush
 * starts while Cloud KMS is unreachable; the first {@link RootKey#probe()} tells.
 */
public final class GcpKmsProvider implements RootKeyProvider {
    static final Pattern KEY_NAME = Pattern.compile("projects/[^/\\s]+/locations/[^/\\s]+/keyRings/[^/\\s]+/cryptoKeys/[^/\\s]+");
    static final Pattern ENDPOINT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):\\d{1,5}");

    @Override
    public String type() { return "gcp"; }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(
                new ConfigProperty("key-name", true, false,
                        "crypto key resource name: projects/P/locations/L/keyRings/R/cryptoKeys/K (no version)"),
                new ConfigProperty("emulator", false, false,
                        "true: plaintext gRPC without credentials to endpoint, for a local emulator or stand-in only (never in production)"),
                new ConfigProperty("endpoint", false, false,
                        "host:port of the Cloud KMS gRPC endpoint (TLS); default cloudkms.googleapis.com:443"),
                new ConfigProperty("credentials-file", false, false,
                        "service-account JSON key file; default Application Default Credentials"));
    }

    @Override
    public RootKey open(ProviderConfig config) {
        String keyName = config.get("key-name").orElseThrow().trim();
        if (!KEY_NAME.matcher(keyName).matches()) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "key-name '" + keyName
                    + "' is not a crypto key name: expected projects/P/locations/L/keyRings/R/cryptoKeys/K (without /cryptoKeyVersions/N)");
        }
        KeyManagementServiceSettings.Builder builder = KeyManagementServiceSettings.newBuilder();
        config.get("endpoint").map(String::trim).ifPresent(endpoint -> {
            if (!ENDPOINT.matcher(endpoint).matches()) {
                throw new KmsException(KmsException.Kind.MISCONFIGURED, "endpoint '" + endpoint + "' must be host:port (no scheme)");
            }
            builder.setEndpoint(endpoint);
        });
        if (config.get("emulator").map(Boolean::parseBoolean).orElse(false)) {
            String endpoint = config.get("endpoint").map(String::trim).orElseThrow(() ->
                    new KmsException(KmsException.Kind.MISCONFIGURED, "emulator=true needs endpoint (host:port of the emulator)"));
            builder.setTransportChannelProvider(com.google.api.gax.grpc.InstantiatingGrpcChannelProvider.newBuilder().setEndpoint(endpoint)
                    .setChannelConfigurator(io.grpc.ManagedChannelBuilder::usePlaintext).build());
            builder.setCredentialsProvider(com.google.api.gax.core.NoCredentialsProvider.create());
        }
        config.get("credentials-file").map(String::trim).ifPresent(file ->
                builder.setCredentialsProvider(FixedCredentialsProvider.create(serviceAccount(Path.of(file)))));
        try {
            return new GcpKmsRootKey(keyName, GcpKmsRootKey.withTimeouts(builder).build());
        } catch (IOException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "invalid Cloud KMS client settings: " + e.getMessage(), e);
        }
    }

    /** Reads a service-account key only (not any credential type), scoped like the client's defaults. */
    private static GoogleCredentials serviceAccount(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ServiceAccountCredentials.fromStream(in)
                    .createWithUseJwtAccessWithScope(true)
                    .createScoped(KeyManagementServiceSettings.getDefaultServiceScopes());
        } catch (IOException | RuntimeException e) {
            // the message names the file and the problem; it never quotes the file's content
            throw new KmsException(KmsException.Kind.MISCONFIGURED,
                    "cannot read service-account credentials-file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
