package dev.hush.bootstrap.wiring;

import dev.hush.application.audit.Audit;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.ExchangeKeys;
import dev.hush.application.port.OrganizationSecrets;
import dev.hush.application.port.Projects;
import dev.hush.application.port.RateLimits;
import dev.hush.application.port.SecretOverrides;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.project.Templates;
import dev.hush.application.sealed.OrgKeyPairs;
import dev.hush.application.sealed.OrgPublicKey;
import dev.hush.application.sealed.RetrieveSealed;
import dev.hush.application.sealed.WorkspaceSecrets;
import dev.hush.application.secret.BulkImportSecrets;
import dev.hush.application.secret.DeleteSecrets;
import dev.hush.application.secret.ListSecretKeys;
import dev.hush.application.secret.PageCache;
import dev.hush.application.secret.PromoteSecrets;
import dev.hush.application.secret.PullSecrets;
import dev.hush.application.secret.SecretHistory;
import dev.hush.application.secret.SetSecret;
import dev.hush.application.tenant.Tenancy;
import dev.hush.application.webhook.WebhookOutbox;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Secrets: set, bulk import, promote, delete, pull, list, history, templates; sealed retrieval and the Poliglot workspace. */
@Factory
final class SecretWiring {
    @Singleton
    SetSecret setSecret(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, OrgKeyPairs keyPairs, Transactions tx, Clock clock,
                        Audit audit, PlanPolicy limits, WebhookOutbox outbox) {
        return new SetSecret(tenancy, usage, secrets, cipher, keyPairs, tx, clock, limits, outbox, audit);
    }

    @Singleton
    BulkImportSecrets bulkImportSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, OrgKeyPairs keyPairs, Transactions tx,
                                        Clock clock, Audit audit, PlanPolicy limits, WebhookOutbox outbox) {
        return new BulkImportSecrets(tenancy, usage, secrets, cipher, keyPairs, tx, clock, limits, outbox, audit);
    }

    @Singleton
    PromoteSecrets promoteSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, Audit audit,
                                  PlanPolicy limits, WebhookOutbox outbox) {
        return new PromoteSecrets(tenancy, usage, secrets, cipher, tx, clock, limits, outbox, audit);
    }

    @Singleton
    dev.hush.application.secret.DiffEnvironments diffEnvironments(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher,
                                                                  Transactions tx, Audit audit) {
        return new dev.hush.application.secret.DiffEnvironments(tenancy, usage, secrets, cipher, tx, audit);
    }

    @Singleton
    DeleteSecrets deleteSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, Transactions tx, Clock clock, Audit audit, WebhookOutbox outbox) {
        return new DeleteSecrets(tenancy, usage, secrets, tx, clock, outbox, audit);
    }

    @Singleton
    PullSecrets pullSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, Audit audit,
                            PullCacheSettings cache) {
        return new PullSecrets(tenancy, usage, secrets, new PageCache(secrets, (long) cache.maxMb() << 20), cipher, tx, clock, audit);
    }

    @Singleton
    ListSecretKeys listSecretKeys(Tenancy tenancy, ApiUsage usage, Secrets secrets, Transactions tx) { return new ListSecretKeys(tenancy, usage, secrets, tx); }

    @Singleton
    dev.hush.application.secret.WatchEnvironment watchEnvironment(Tenancy tenancy, ApiUsage usage, dev.hush.application.port.EnvironmentFeed feed,
                                                                  Transactions tx) {
        return new dev.hush.application.secret.WatchEnvironment(tenancy, usage, feed, tx);
    }

    /** Every watch of this node, run by one poller; ends them (server_stopping) when the server stops. */
    @Singleton
    @io.micronaut.context.annotation.Bean(preDestroy = "close")
    dev.hush.application.secret.EnvironmentWatchers environmentWatchers(dev.hush.application.secret.WatchEnvironment watch, WatchSettings settings) {
        return new dev.hush.application.secret.EnvironmentWatchers(watch, dev.hush.application.secret.WatchEnvironment.POLL,
                dev.hush.application.secret.EnvironmentWatchers.RECHECK, settings.heartbeat());
    }

    @Singleton
    SecretHistory secretHistory(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, Audit audit,
                                dev.hush.application.port.Users users) {
        return new SecretHistory(tenancy, usage, secrets, cipher, tx, clock, audit, users);
    }

    @Singleton
    Templates templates(Tenancy tenancy, ApiUsage usage, Projects projects, Secrets secrets, Transactions tx, Clock clock, Audit audit) {
        return new Templates(tenancy, usage, projects, secrets, tx, clock, audit);
    }

    @Singleton
    OrgPublicKey orgPublicKey(Tenancy tenancy, ApiUsage usage, OrgKeyPairs keyPairs, Transactions tx, Audit audit) {
        return new OrgPublicKey(tenancy, usage, keyPairs, tx, audit);
    }

    @Singleton
    RetrieveSealed retrieveSealed(PullSecrets pull) { return new RetrieveSealed(pull); }

    @Singleton
    WorkspaceSecrets workspaceSecrets(Tenancy tenancy, ApiUsage usage, Projects projects, Secrets secrets,
                                      OrganizationSecrets orgSecrets, SecretOverrides overrides, SecretCipher cipher,
                                      KeyHierarchy keys, ExchangeKeys exchangeKeys, RateLimits rateLimits, SetSecret setSecret,
                                      Transactions tx, Clock clock, LimitSettings.Poliglot poliglot, Audit audit) {
        return new WorkspaceSecrets(tenancy, usage, projects, secrets, orgSecrets, overrides, cipher, keys, exchangeKeys, rateLimits, setSecret, tx, clock,
                poliglot.valueReadsPerHour(), audit);
    }
}
