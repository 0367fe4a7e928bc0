package dev.hush.application.secret;

import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.secret.Secret;
import java.time.Clock;

/** Sets (or defines) one secret in one environment; a changed value becomes a new version. */
public final class SetSecret {
    private final dev.hush.application.audit.Audit audit;
    private final Tenancy tenancy;
    private final Secrets secrets;
    private final SecretWriter writer;
    private final Transactions tx;
    private final Clock clock;

    public SetSecret(Tenancy tenancy, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, dev.hush.application.audit.Audit audit) {
        this.audit = audit;
        this.tenancy = tenancy;
        this.secrets = secrets;
        this.writer = new SecretWriter(secrets, cipher);
        this.tx = tx;
        this.clock = clock;
    }

    public record Result(Secret secret, boolean created, boolean changed) {}

    public Result set(Caller caller, String orgRef, String project, String env, SecretChange change) {
        return SecretWriter.retryingRaces(() -> tx.write(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env);
            in.access().requireWrite(in.project(), in.env());
            var existing = java.util.Optional.ofNullable(secrets.lockAll(in.env().id(), java.util.List.of(change.key())).get(change.key()));
            var written = writer.apply(in, change, existing, caller.userId(), clock.instant());
            if (written.outcome() != SecretWriter.Outcome.UNCHANGED) {
                audit.record(in.org().id(), caller, written.outcome() == SecretWriter.Outcome.CREATED ? "secret.created" : "secret.updated",
                        in.resource(change.key().value()), "version " + written.secret().version());
            }
            return new Result(written.secret(), written.outcome() == SecretWriter.Outcome.CREATED,
                    written.outcome() != SecretWriter.Outcome.UNCHANGED);
        }));
    }
}
