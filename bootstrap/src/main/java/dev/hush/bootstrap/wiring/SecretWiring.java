package dev.hush.bootstrap.wiring;

import dev.hush.application.audit.Audit;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.ExchangeKeys;
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
    SetSecret setSecret(Tenancy tenancy, Secrets secrets, SecretCipher cipher, OrgKeyPairs keyPairs, Transactions tx, Clock clock,
                        Audit audit, PlanPolicy limits, WebhookOutbox outbox) {
        return new SetSecret(tenancy, secrets, cipher, keyPairs, tx, clock, limits, outbox, audit);
    }

    @Singleton
    BulkImportSecrets bulkImportSecrets(Tenancy tenancy, Secrets secrets, SecretCipher cipher, OrgKeyPairs keyPairs, Transactions tx,
                                        Clock clock, Audit audit, PlanPolicy limits, WebhookOutbox outbox) {
        return new BulkImportSecrets(tenancy, secrets, cipher, keyPairs, tx, clock, limits, outbox, audit);
    }

    @Singleton
    PromoteSecrets promoteSecrets(Tenancy tenancy, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, Audit audit,
                                  PlanPolicy limits, WebhookOutbox outbox) {
        return new PromoteSecrets(tenancy, secrets, cipher, tx, clock, limits, outbox, audit);
    }

    @Singleton
    DeleteSecrets deleteSecrets(Tenancy tenancy, Secrets secrets, Transactions tx, Clock clock, Audit audit, WebhookOutbox outbox) {
        return new DeleteSecrets(tenancy, secrets, tx, clock, outbox, audit);
    }

    @Singleton
    PullSecrets pullSecrets(Tenancy tenancy, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, Audit audit) {
        return new PullSecrets(tenancy, secrets, cipher, tx, clock, audit);
    }

    @Singleton
    ListSecretKeys listSecretKeys(Tenancy tenancy, Secrets secrets, Transactions tx) { return new ListSecretKeys(tenancy, secrets, tx); }

    @Singleton
    SecretHistory secretHistory(Tenancy tenancy, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, Audit audit) {
        return new SecretHistory(tenancy, secrets, cipher, tx, clock, audit);
    }

    @Singleton
    Templates templates(Tenancy tenancy, Projects projects, Secrets secrets, Transactions tx, Clock clock, Audit audit) {
        return new Templates(tenancy, projects, secrets, tx, clock, audit);
    }

    @Singleton
    OrgPublicKey orgPublicKey(Tenancy tenancy, OrgKeyPairs keyPairs, Transactions tx, Audit audit) {
        return new OrgPublicKey(tenancy, keyPairs, tx, audit);
    }

    @Singleton
    RetrieveSealed retrieveSealed(PullSecrets pull) { return new RetrieveSealed(pull); }

    @Singleton
    WorkspaceSecrets workspaceSecrets(Tenancy tenancy, Projects projects, Secrets secrets, SecretOverrides overrides, SecretCipher cipher,
                                      KeyHierarchy keys, ExchangeKeys exchangeKeys, RateLimits rateLimits, SetSecret setSecret,
                                      Transactions tx, Clock clock, LimitSettings.Poliglot poliglot, Audit audit) {
        return new WorkspaceSecrets(tenancy, projects, secrets, overrides, cipher, keys, exchangeKeys, rateLimits, setSecret, tx, clock,
                poliglot.valueReadsPerHour(), audit);
    }
}
