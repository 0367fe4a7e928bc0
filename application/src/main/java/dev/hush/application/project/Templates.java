package dev.hush.application.project;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.Projects;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.Description;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A project's template: the keys every environment should have. Any member sees it and validates an
 * environment against it (key names only); owners and admins change it.
 */
public final class Templates {
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Projects projects;
    private final Secrets secrets;
    private final Transactions tx;
    private final Clock clock;
    private final Audit audit;

    public Templates(Tenancy tenancy, ApiUsage usage, Projects projects, Secrets secrets, Transactions tx, Clock clock, Audit audit) {
        this.tenancy = tenancy;
        this.usage = usage;
        this.projects = projects;
        this.secrets = secrets;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
    }

    /** Missing: required but absent (or without a value); extra: present but not required. */
    public record Validation(boolean valid, List<String> missing, List<String> extra) {}

    public List<Projects.TemplateKey> list(Caller caller, String orgRef, String project) {
        return tx.read(() -> {
            Tenancy.InOrg org = tenancy.org(caller, orgRef);
            usage.charge(caller, org.org().id());
            return projects.templateKeys(tenancy.project(org, project).project().id());
        });
    }

    public void add(Caller caller, String orgRef, String project, String rawKey, String description) {
        SecretKey key = SecretKey.of("key", rawKey);
        Description.check("description", description);
        tx.write(() -> {
            Tenancy.InOrg org = tenancy.org(caller, orgRef);
            usage.charge(caller, org.org().id());
            Tenancy.InProject in = tenancy.project(org, project);
            in.access().requireProjectAdmin(in.project(), "change templates");
            if (!projects.addTemplateKey(in.project().id(), new Projects.TemplateKey(key.value(), description), clock.instant())) {
                throw Rejection.conflict("template_key_exists", "'" + key + "' is already in the template.");
            }
            audit.record(in.org().id(), caller, "template.key_added", "org/" + in.org().slug() + "/project/" + in.project().slug() + "/template/" + key, null);
            return null;
        });
    }

    public void remove(Caller caller, String orgRef, String project, String rawKey) {
        SecretKey key = SecretKey.of("key", rawKey);
        tx.write(() -> {
            Tenancy.InOrg org = tenancy.org(caller, orgRef);
            usage.charge(caller, org.org().id());
            Tenancy.InProject in = tenancy.project(org, project);
            in.access().requireProjectAdmin(in.project(), "change templates");
            if (!projects.removeTemplateKey(in.project().id(), key.value())) {
                throw Rejection.notFound("template_key");
            }
            audit.record(in.org().id(), caller, "template.key_removed", "org/" + in.org().slug() + "/project/" + in.project().slug() + "/template/" + key, null);
            return null;
        });
    }

    public Validation validate(Caller caller, String orgRef, String project, String env) {
        return tx.read(() -> {
            Tenancy.InOrg org = tenancy.org(caller, orgRef);
            usage.charge(caller, org.org().id());
            Tenancy.InEnv in = tenancy.environment(org, project, env);
            in.access().requireMetadata(in.project(), in.env());
            Set<String> required = new TreeSet<>();
            projects.templateKeys(in.project().id()).forEach(k -> required.add(k.key()));
            Set<String> present = new TreeSet<>();
            secrets.listLive(in.env().id(), "").stream().filter(Secret::hasValue).forEach(s -> present.add(s.key().value()));
            List<String> missing = required.stream().filter(k -> !present.contains(k)).toList();
            List<String> extra = present.stream().filter(k -> !required.contains(k)).toList();
            return new Validation(missing.isEmpty(), missing, extra);
        });
    }
}
