package dev.hush.application.secret;

import dev.hush.application.auth.Caller;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.secret.Secret;
import java.util.List;
import java.util.Optional;

/** Metadata of an environment's live secrets, never values; not counted as an access. */
public final class ListSecretKeys {
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Secrets secrets;
    private final Transactions tx;

    public ListSecretKeys(Tenancy tenancy, ApiUsage usage, Secrets secrets, Transactions tx) {
        this.tenancy = tenancy;
        this.usage = usage;
        this.secrets = secrets;
        this.tx = tx;
    }

    public record Result(List<Secret> secrets, Optional<Paging.Info> pagination) {}

    public Result list(Caller caller, String orgRef, String project, String env, SecretQuery query) {
        return tx.read(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env, org -> usage.charge(caller, org.org().id()));
            in.access().requireMetadata(in.project(), in.env());
            List<Secret> matching = secrets.listLive(in.env().id(), query.search()).stream().filter(query.filter()).toList();
            return new Result(query.paging().apply(matching), query.paging().info(matching.size()));
        });
    }
}
