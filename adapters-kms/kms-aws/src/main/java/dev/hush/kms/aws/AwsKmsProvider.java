package dev.hush.kms.aws;

import dev.hush.kms.spi.ConfigProperty;
import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.RootKeyProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Provider {@code aws}: an AWS KMS symmetric key wraps the organization keys, with the organization bound
 * as KMS encryption context (visible in CloudTrail). Configuration ({@code HUSH_KMS_AWS_*}): {@code key-id}
 * (key id, ARN or alias), {@code region}, optional {@code endpoint} (a VPC endpoint, or a local stand-in).
 * Credentials come from the SDK's default chain (environment, profile, container or instance role).
 * Opening does not contact KMS.
 */
public final class AwsKmsProvider implements RootKeyProvider {
    @Override
    public String type() { return "aws"; }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(
                new ConfigProperty("key-id", true, false, "the KMS key: id, ARN, alias/name or alias ARN"),
                new ConfigProperty("region", true, false, "AWS region, e.g. eu-west-1"),
                new ConfigProperty("endpoint", false, false, "endpoint override, e.g. a VPC endpoint URL"));
    }

    @Override
    public RootKey open(ProviderConfig config) {
        String keyId = config.get("key-id").orElseThrow();
        String region = config.get("region").orElseThrow();
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "'" + region + "' is not an AWS region name");
        }
        KmsClientBuilder builder = KmsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(10)).build())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(15)).apiCallAttemptTimeout(Duration.ofSeconds(5)));
        config.get("endpoint").ifPresent(e -> {
            try {
                builder.endpointOverride(URI.create(e));
            } catch (IllegalArgumentException bad) {
                throw new KmsException(KmsException.Kind.MISCONFIGURED, "the AWS KMS endpoint must be a URL");
            }
        });
        return new AwsKmsRootKey(builder.build(), keyId);
    }
}
