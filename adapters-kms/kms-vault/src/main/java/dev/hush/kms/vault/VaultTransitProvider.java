package dev.hush.kms.vault;

import dev.hush.kms.spi.ConfigProperty;
import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.RootKeyProvider;
import java.net.URI;
import java.util.List;

/**
 * Provider {@code vault}: a Transit key of HashiCorp Vault (or OpenBao) wraps the organization keys.
 * Configuration ({@code HUSH_KMS_VAULT_*}): {@code address}, {@code token}, {@code key-name}, and
 * optionally {@code mount} (default {@code transit}), {@code namespace} (Vault Enterprise) and
 * {@code timeout-seconds} (default 10). The organization is bound as Transit {@code associated_data}
 * (Vault 1.13+, key types aes256-gcm96, aes128-gcm96, chacha20-poly1305). Opening does not contact Vault,
 * so the server starts (and reports the outage) while Vault is down.
 */
public final class VaultTransitProvider implements RootKeyProvider {
    @Override
    public String type() { return "vault"; }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(
                new ConfigProperty("address", true, false, "Vault address, e.g. https://vault.internal:8200"),
                new ConfigProperty("token", true, true, "a token whose policy allows update on <mount>/encrypt/<key> and <mount>/decrypt/<key>, read on <mount>/keys/<key>"),
                new ConfigProperty("key-name", true, false, "the Transit key (type aes256-gcm96 recommended)"),
                new ConfigProperty("mount", false, false, "the Transit mount path (default transit)"),
                new ConfigProperty("namespace", false, false, "Vault Enterprise namespace"),
                new ConfigProperty("timeout-seconds", false, false, "connect and read timeout (default 10)"));
    }

    @Override
    public RootKey open(ProviderConfig config) {
        String address = config.get("address").orElseThrow();
        try {
            URI uri = URI.create(address);
            if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "the Vault address must be an http(s) URL, for example https://vault:8200");
        }
        String mount = config.get("mount").orElse("transit").replaceAll("^/+|/+$", "");
        String keyName = config.get("key-name").orElseThrow();
        if (!keyName.matches("[A-Za-z0-9_.-]{1,128}") || !mount.matches("[A-Za-z0-9_./-]{1,256}")) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "the Vault key name or mount has characters Vault paths do not allow");
        }
        int timeout;
        try {
            timeout = Integer.parseInt(config.get("timeout-seconds").orElse("10"));
        } catch (NumberFormatException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "timeout-seconds must be a number");
        }
        return new VaultTransitRootKey(address, config.get("token").orElseThrow(), mount, keyName, config.get("namespace").orElse(null), timeout);
    }
}
