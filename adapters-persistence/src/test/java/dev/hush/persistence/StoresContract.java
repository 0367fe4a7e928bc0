package dev.hush.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.application.port.AuditJournal;
import dev.hush.application.port.AuditLog;
import dev.hush.application.port.EnvironmentFeed;
import dev.hush.application.port.ExchangeKeys;
import dev.hush.application.port.KeyRotations;
import dev.hush.application.port.OrganizationSecrets;
import dev.hush.application.port.OrganizationKeys;
import dev.hush.application.port.Organizations;
import dev.hush.application.port.Projects;
import dev.hush.application.port.RateLimits;
import dev.hush.application.port.SealingKeys;
import dev.hush.application.port.SecretOverrides;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.User;
import dev.hush.domain.audit.AuditEvent;
import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.PurposeType;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretVersion;
import dev.hush.domain.secret.Tags;
import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Project;
import dev.hush.domain.tenant.Slug;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The JDBC stores against one database; run on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoresContract {
    ApplicationContext ctx;
    Transactions tx;
    Secrets secrets;
    OrganizationSecrets orgSecrets;
    Projects projects;
    Organizations orgs;
    AccessCounter counter;
    Environment env;
    Project project;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    abstract Map<String, Object> datasource();

    @BeforeAll
    void start() {
        Map<String, Object> props = new java.util.HashMap<>(datasource());
        props.put("flyway.datasources.default.enabled", true);
        props.put("hush.access-counter.flush-interval", "1h"); // flushed explicitly here
        ctx = ApplicationContext.run(props);
        tx = ctx.getBean(Transactions.class);
        secrets = ctx.getBean(Secrets.class);
        orgSecrets = ctx.getBean(OrganizationSecrets.class);
        projects = ctx.getBean(Projects.class);
        orgs = ctx.getBean(Organizations.class);
        counter = ctx.getBean(AccessCounter.class);
    }

    @AfterAll
    void stop() {
        if (ctx != null) {
            ctx.close();
        }
    }

    @BeforeEach
    void project() {
        Organization org = new Organization(UUID.randomUUID(), new Slug("o-" + UUID.randomUUID().toString().substring(0, 8)), "Org", now);
        project = new Project(UUID.randomUUID(), org.id(), new Slug("p"), "P", 1, now);
        List<Environment> envs = Environment.defaultsFor(project.id());
        env = envs.get(0);
        tx.write(() -> {
            orgs.insert(org, new WrappedKeyBlob("k", "1", new byte[] {1, 2, 3}));
            projects.insert(project, envs, new WrappedKeyBlob("kek", "1", new byte[] {4, 5}));
            return null;
        });
    }

    Secret put(String key, int version) {
        Secret s = Secret.define(project.id(), env.id(), new SecretKey(key), new Tags(List.of("t")), PurposeType.APIKey, "d", now);
        return tx.write(() -> {
            secrets.insert(s);
            Secret current = s;
            for (int v = 1; v <= version; v++) {
                secrets.insertVersion(new SecretVersion(s.id(), v, new EncryptedValue(new byte[] {(byte) v, 9}), now, Optional.empty(), false));
                current = current.withNewValue(v, now);
            }
            secrets.update(current);
            return current;
        });
    }

    @Test
    void secret_roundTripsAllFields() {
        Secret s = put("API_KEY", 2);
        Secret read = tx.read(() -> secrets.find(env.id(), new SecretKey("API_KEY"))).orElseThrow();
        assertThat(read).isEqualTo(s);
        assertThat(tx.read(() -> secrets.currentValues(List.of(read))).get(s.id()).value().bytes()).containsExactly(2, 9);
        assertThat(tx.read(() -> secrets.versions(s.id()))).extracting(SecretVersion::version).containsExactly(2, 1);
    }

    @Test
    void prefixSearch_isCaseSensitive_andTreatsUnderscoreLiterally() {
        put("DB_HOST", 1);
        put("DBXHOST", 1);
        put("db_lower", 1);
        assertThat(tx.read(() -> secrets.listLive(env.id(), "DB_"))).extracting(x -> x.key().value()).containsExactly("DB_HOST");
        assertThat(tx.read(() -> secrets.listLive(env.id(), ""))).hasSize(3);
    }

    @Test
    void deletedSecrets_areNotLive_butStillFound() {
        Secret s = put("GONE", 1);
        tx.write(() -> {
            secrets.markVersionDeleted(s.id(), 1);
            secrets.update(s.deleted(now));
            return null;
        });
        assertThat(tx.read(() -> secrets.listLive(env.id(), ""))).isEmpty();
        assertThat(tx.read(() -> secrets.find(env.id(), new SecretKey("GONE"))).orElseThrow().isDeleted()).isTrue();
        assertThat(tx.read(() -> secrets.versions(s.id())).get(0).deleted()).isTrue();
    }

    @Test
    void liveValues_selectsKeysTagsAndThePageInSql_inCodePointOrder_withTheTotal() {
        tx.write(() -> {
            for (String[] k : new String[][] {{"b_KEY", "x,y"}, {"A_KEY", "x"}, {"a_KEY", "x,y"}, {"B_KEY", "y"}, {"NO_VALUE", "x,y"}, {"C_KEY", "xy"}}) {
                Secret s = Secret.define(project.id(), env.id(), new SecretKey(k[0]), new Tags(List.of(k[1].split(","))), PurposeType.Other, null, now);
                secrets.insert(s);
                if (!k[0].equals("NO_VALUE")) {
                    secrets.insertVersion(new SecretVersion(s.id(), 1, new EncryptedValue(k[0].getBytes()), now, Optional.empty(), false));
                    secrets.update(s.withNewValue(1, now));
                }
            }
            return null;
        });
        java.util.function.Function<Secrets.ValuedPage, List<String>> keys = p -> p.rows().stream().map(v -> v.secret().key().value()).toList();
        Secrets.ValuedPage all = tx.read(() -> secrets.liveValues(env.id(), "", java.util.Set.of(), List.of(), 0, Optional.empty()));
        assertThat(keys.apply(all)).containsExactly("A_KEY", "B_KEY", "C_KEY", "a_KEY", "b_KEY");
        assertThat(all.total()).isEqualTo(5);
        assertThat(new String(all.rows().get(0).current().value().bytes())).isEqualTo("A_KEY");
        Secrets.ValuedPage tagged = tx.read(() -> secrets.liveValues(env.id(), "", java.util.Set.of(), List.of("x", "y"), 0, Optional.empty()));
        assertThat(keys.apply(tagged)).as("both tags, and 'xy' is not 'x'").containsExactly("a_KEY", "b_KEY");
        Secrets.ValuedPage page = tx.read(() -> secrets.liveValues(env.id(), "", java.util.Set.of(), List.of("x"), 1, Optional.of(1)));
        assertThat(keys.apply(page)).containsExactly("a_KEY");
        assertThat(page.total()).isEqualTo(3);
        Secrets.ValuedPage past = tx.read(() -> secrets.liveValues(env.id(), "", java.util.Set.of(), List.of(), 50, Optional.of(10)));
        assertThat(past.rows()).isEmpty();
        assertThat(past.total()).as("a page past the end still counts").isEqualTo(5);
        Secrets.ValuedPage named = tx.read(() -> secrets.liveValues(env.id(), "B", java.util.Set.of("B_KEY", "A_KEY", "NO_VALUE"), List.of(), 0, Optional.empty()));
        assertThat(keys.apply(named)).containsExactly("B_KEY");
    }

    /** The environment's revision as a pull's lookup reads it. */
    private long revision() {
        return tx.read(() -> projects.placement(project.orgId(), project.slug(), env.slug())).orElseThrow().revision();
    }

    @Test
    void revision_increasesOncePerCommittedChange_neverForAccessStatistics_andComesWithThePage() {
        long start = revision();
        Secret a = put("A", 2); // one transaction: insert, two versions, update
        assertThat(revision()).as("one transaction, one revision").isEqualTo(start + 1);
        Secrets.ValuedPage page = tx.read(() -> secrets.liveValues(env.id(), "", java.util.Set.of(), List.of(), 0, Optional.empty()));
        assertThat(page.revision()).as("read in the same snapshot as the rows").isEqualTo(start + 1);

        secrets.recordAccess(List.of(a.id()), now);
        counter.flush();
        assertThat(tx.read(() -> secrets.find(env.id(), new SecretKey("A"))).orElseThrow().accessCount()).isEqualTo(1);
        assertThat(revision()).as("access statistics change nothing a pull returns").isEqualTo(start + 1);

        tx.write(() -> {
            secrets.update(new Secret(a.id(), a.projectId(), a.environmentId(), a.key(), a.tags(), a.purposeType(), "new description", a.version(),
                    a.hasValue(), a.accessCount(), a.lastAccessedAt(), a.updatedAt(), a.deletedAt()));
            return null;
        });
        assertThat(revision()).as("metadata").isEqualTo(start + 2);
        tx.write(() -> {
            secrets.markVersionDeleted(a.id(), 1);
            return null;
        });
        assertThat(revision()).as("a version's change alone").isEqualTo(start + 3);
        tx.write(() -> {
            secrets.update(a.deleted(now));
            return null;
        });
        assertThat(revision()).as("a deletion").isEqualTo(start + 4);

        assertThatThrownBy(() -> tx.write(() -> {
            put("B", 1);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(revision()).as("a rolled-back change revises nothing").isEqualTo(start + 4);
        Environment other = tx.read(() -> projects.environment(project.id(), new Slug("prod"))).orElseThrow();
        long otherStart = tx.read(() -> projects.placement(project.orgId(), project.slug(), other.slug())).orElseThrow().revision();
        put("C", 1);
        assertThat(tx.read(() -> projects.placement(project.orgId(), project.slug(), other.slug())).orElseThrow().revision())
                .as("another environment's change").isEqualTo(otherStart);
    }

    @Test
    void lockOne_readsTheCurrentVersionWithTheLock() {
        put("A", 2);
        Secret bare = Secret.define(project.id(), env.id(), new SecretKey("BARE"), new Tags(List.of()), PurposeType.Other, null, now);
        tx.write(() -> {
            secrets.insert(bare);
            return null;
        });
        Secrets.Locked a = tx.write(() -> secrets.lockOne(env.id(), new SecretKey("A"))).orElseThrow();
        assertThat(a.secret().version()).isEqualTo(2);
        assertThat(a.current().orElseThrow().version()).isEqualTo(2);
        assertThat(a.current().orElseThrow().value().bytes()).containsExactly(2, 9);
        assertThat(tx.write(() -> secrets.lockOne(env.id(), new SecretKey("BARE"))).orElseThrow().current()).as("no value yet").isEmpty();
        assertThat(tx.write(() -> secrets.lockOne(env.id(), new SecretKey("MISSING")))).isEmpty();
    }

    @Test
    void updateWithVersion_storesTheVersionAndPointsTheSecretAtIt() {
        Secret a = put("A", 1);
        Secret next = a.withNewValue(2, now.plusSeconds(1));
        long before = revision();
        tx.write(() -> {
            secrets.updateWithVersion(next, new SecretVersion(a.id(), 2, new EncryptedValue(new byte[] {7, 7}), now, Optional.empty(), false));
            return null;
        });
        assertThat(tx.read(() -> secrets.find(env.id(), new SecretKey("A"))).orElseThrow().version()).isEqualTo(2);
        assertThat(tx.read(() -> secrets.currentValues(List.of(next))).get(a.id()).value().bytes()).containsExactly(7, 7);
        assertThat(revision()).isEqualTo(before + 1);
    }

    @Test
    void manyKeys_areLookedUpInChunks() {
        List<SecretKey> keys = new ArrayList<>();
        tx.write(() -> {
            for (int i = 0; i < 1100; i++) {
                Secret s = Secret.define(project.id(), env.id(), new SecretKey("K" + i), Tags.NONE, PurposeType.Other, null, now);
                secrets.insert(s);
                secrets.insertVersion(new SecretVersion(s.id(), 1, new EncryptedValue(new byte[] {1}), now, Optional.empty(), false));
                secrets.update(s.withNewValue(1, now));
                keys.add(s.key());
            }
            return null;
        });
        assertThat(tx.write(() -> secrets.lockAll(env.id(), keys))).hasSize(1100);
        List<Secret> live = tx.read(() -> secrets.listLive(env.id(), ""));
        assertThat(tx.read(() -> secrets.currentValues(live))).hasSize(1100);
    }

    @Test
    void duplicateKey_isAConflict_andRollsBackTheTransaction() {
        put("DUP", 1);
        assertThatThrownBy(() -> tx.write(() -> {
            secrets.insert(Secret.define(project.id(), env.id(), new SecretKey("OTHER"), Tags.NONE, PurposeType.Other, null, now));
            secrets.insert(Secret.define(project.id(), env.id(), new SecretKey("DUP"), Tags.NONE, PurposeType.Other, null, now));
            return null;
        })).isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.kind()).isEqualTo(Rejection.Kind.CONFLICT));
        assertThat(tx.read(() -> secrets.find(env.id(), new SecretKey("OTHER")))).isEmpty();
    }

    @Test
    void accessCounts_fromConcurrentReaders_addUpExactly() throws Exception {
        Secret a = put("A", 1);
        Secret b = put("B", 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    secrets.recordAccess(List.of(a.id(), b.id()), now.plusMillis(n));
                    if (n % 50 == 0) {
                        counter.flush();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        counter.flush();
        Secret readA = tx.read(() -> secrets.find(env.id(), new SecretKey("A"))).orElseThrow();
        Secret readB = tx.read(() -> secrets.find(env.id(), new SecretKey("B"))).orElseThrow();
        assertThat(readA.accessCount()).isEqualTo(400);
        assertThat(readB.accessCount()).isEqualTo(400);
        assertThat(readA.lastAccessedAt()).contains(now.plusMillis(399));
    }

    @Test
    void deletingAProject_removesEverythingBelowIt() {
        Secret s = put("X", 2);
        tx.write(() -> {
            projects.delete(project.id());
            return null;
        });
        assertThat(tx.read(() -> projects.bySlug(project.orgId(), project.slug()))).isEmpty();
        assertThat(tx.read(() -> secrets.versions(s.id()))).isEmpty();
        assertThat(tx.read(() -> projects.dataKey(project.id(), 1))).isEmpty();
        assertThat(tx.read(() -> projects.environments(project.id()))).isEmpty();
    }

    @Test
    void rateLimit_countsExactlyUnderConcurrency_andSaysWhenASlotFrees() throws Exception {
        RateLimits limits = ctx.getBean(RateLimits.class);
        String bucket = "test:" + UUID.randomUUID();
        java.time.Duration hour = java.time.Duration.ofHours(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            results.add(pool.submit(() -> {
                for (int attempt = 0; ; attempt++) {
                    try {
                        return tx.write(() -> limits.tryAcquire(bucket, 50, hour, Instant.now()).isEmpty());
                    } catch (Rejection conflict) {
                        // the first inserts of the bucket row race; the loser runs again, as the use case does
                        if (attempt == 5) {
                            throw conflict;
                        }
                    }
                }
            }));
        }
        int granted = 0;
        for (Future<Boolean> f : results) {
            granted += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(granted).isEqualTo(50);
        java.time.Duration wait = tx.write(() -> limits.tryAcquire(bucket, 50, hour, Instant.now()).orElseThrow());
        assertThat(wait).isPositive().isLessThanOrEqualTo(hour);
        // An hour later the window has moved on.
        assertThat(tx.write(() -> limits.tryAcquire(bucket, 50, hour, Instant.now().plus(hour).plusSeconds(1)))).isEmpty();
    }

    @Test
    void sealingKeys_areListedNewestFirst_retiredAndDeleted() {
        SealingKeys keys = ctx.getBean(SealingKeys.class);
        UUID org = project.orgId();
        tx.write(() -> {
            keys.insert(new SealingKeys.Stored(org, 1, new byte[] {1}, new byte[] {2}, now, Optional.empty()));
            keys.insert(new SealingKeys.Stored(org, 2, new byte[] {3}, new byte[] {4}, now, Optional.empty()));
            keys.retireOlderThan(org, 2, now);
            return null;
        });
        var all = tx.read(() -> keys.all(org));
        assertThat(all).extracting(SealingKeys.Stored::version).containsExactly(2, 1);
        assertThat(all.get(0).retiredAt()).isEmpty();
        assertThat(all.get(1).retiredAt()).contains(now);
        assertThat(all.get(1).privateWrapped()).containsExactly(2);
        assertThatThrownBy(() -> tx.write(() -> {
            keys.insert(new SealingKeys.Stored(org, 2, new byte[] {5}, new byte[] {6}, now, Optional.empty()));
            return null;
        })).isInstanceOf(Rejection.class);
        tx.write(() -> {
            keys.deleteRetiredBefore(org, now.plusSeconds(1));
            return null;
        });
        assertThat(tx.read(() -> keys.all(org))).extracting(SealingKeys.Stored::version).containsExactly(2);
    }

    @Test
    void sealingKeys_x25519Half_isStoredWithThePair_orAddedOnce_andSurvivesRetirement() {
        SealingKeys keys = ctx.getBean(SealingKeys.class);
        UUID org = project.orgId();
        tx.write(() -> {
            keys.insert(new SealingKeys.Stored(org, 11, new byte[] {1}, new byte[] {2}, now, Optional.empty()));
            keys.insert(new SealingKeys.Stored(org, 12, new byte[] {3}, new byte[] {4}, now, Optional.empty(),
                    Optional.of(new SealingKeys.X25519Half(new byte[] {5}, new byte[] {6}))));
            return null;
        });
        assertThat(tx.read(() -> keys.all(org)).get(1).x25519()).isEmpty();
        assertThat(tx.write(() -> keys.addX25519(org, 11, new SealingKeys.X25519Half(new byte[] {7}, new byte[] {8})))).isTrue();
        assertThat(tx.write(() -> keys.addX25519(org, 11, new SealingKeys.X25519Half(new byte[] {9}, new byte[] {9}))))
                .as("a second, concurrent maker changes nothing").isFalse();
        assertThat(tx.write(() -> keys.addX25519(org, 99, new SealingKeys.X25519Half(new byte[] {9}, new byte[] {9})))).isFalse();
        tx.write(() -> {
            keys.retireOlderThan(org, 12, now);
            return null;
        });
        var all = tx.read(() -> keys.all(org));
        assertThat(all).extracting(SealingKeys.Stored::version).containsExactly(12, 11);
        assertThat(all.get(0).x25519().orElseThrow().publicKey()).containsExactly(5);
        assertThat(all.get(0).x25519().orElseThrow().privateWrapped()).containsExactly(6);
        assertThat(all.get(1).x25519().orElseThrow().publicKey()).containsExactly(7);
        assertThat(all.get(1).x25519().orElseThrow().privateWrapped()).containsExactly(8);
        assertThat(all.get(1).retiredAt()).contains(now);
    }

    @Test
    void environmentFeed_readsManyEnvironmentsAtOnce_inOrder_andPruningRemembersWhatWent() {
        EnvironmentFeed feed = ctx.getBean(EnvironmentFeed.class);
        UUID dev = env.id();
        UUID staging = tx.read(() -> projects.environments(project.id())).stream().filter(e -> e.slug().value().equals("staging")).findFirst()
                .orElseThrow().id();
        tx.write(() -> {
            feed.append(dev, "secret.created", List.of("OLD"), now.minus(java.time.Duration.ofDays(8)));
            return null;
        });
        tx.write(() -> {
            feed.append(dev, "secret.bulk_set", List.of("A", "B"), now);
            feed.append(dev, "secret.deleted", List.of("A"), now);
            feed.append(staging, "secret.created", List.of("S"), now);
            return null;
        });
        Map<UUID, List<EnvironmentFeed.Event>> all = tx.read(() -> feed.after(Map.of(dev, 0L, staging, 0L, UUID.randomUUID(), 0L), 10));
        assertThat(all).containsOnlyKeys(dev, staging);
        assertThat(all.get(dev)).extracting(e -> e.type() + " " + e.keys())
                .containsExactly("secret.created [OLD]", "secret.bulk_set [A, B]", "secret.deleted [A]");
        assertThat(all.get(dev)).extracting(EnvironmentFeed.Event::revision).isSorted().doesNotHaveDuplicates();
        assertThat(all.get(staging)).extracting(e -> e.keys().get(0)).containsExactly("S");
        long old = all.get(dev).get(0).revision();
        assertThat(tx.read(() -> feed.after(Map.of(dev, old, staging, all.get(staging).get(0).revision()), 1)))
                .as("after each one's revision, at most one each").containsOnlyKeys(dev)
                .extractingByKey(dev).satisfies(e -> assertThat(e).extracting(x -> x.keys().get(0)).containsExactly("A"));

        assertThat(tx.read(() -> feed.prunedThrough(dev))).isZero();
        ctx.getBean(ExpiredRowsJanitor.class).sweep(now);
        assertThat(tx.read(() -> feed.prunedThrough(dev))).isEqualTo(old);
        assertThat(tx.read(() -> feed.prunedThrough(staging))).isZero();
        assertThat(tx.read(() -> feed.after(dev, 0, 10))).extracting(e -> e.type()).containsExactly("secret.bulk_set", "secret.deleted");
    }

    @Test
    void exchangeKeys_areFoundPerOrganization_andSweptWhenExpired() {
        ExchangeKeys keys = ctx.getBean(ExchangeKeys.class);
        UUID org = project.orgId();
        UUID live = UUID.randomUUID();
        UUID expired = UUID.randomUUID();
        tx.write(() -> {
            keys.insert(new ExchangeKeys.Stored(live, org, new byte[32], new byte[] {7}, now.plusSeconds(300)));
            keys.insert(new ExchangeKeys.Stored(expired, org, new byte[32], new byte[] {8}, now.minusSeconds(1)));
            return null;
        });
        assertThat(tx.read(() -> keys.find(org, live))).isPresent();
        assertThat(tx.read(() -> keys.find(UUID.randomUUID(), live))).as("another organization").isEmpty();
        ctx.getBean(ExpiredRowsJanitor.class).sweep(now);
        assertThat(tx.read(() -> keys.find(org, expired))).isEmpty();
        assertThat(tx.read(() -> keys.find(org, live))).isPresent();
    }

    @Test
    void personalValues_areOnePerSecretAndUser() {
        SecretOverrides overrides = ctx.getBean(SecretOverrides.class);
        Secret s = put("PERSONAL", 1);
        UUID user = UUID.randomUUID();
        tx.write(() -> {
            ctx.getBean(Users.class).insert(new User(user, user + "@x.test", "U", "h", false, now));
            overrides.upsert(s.id(), user, new EncryptedValue(new byte[] {1}), now);
            overrides.upsert(s.id(), user, new EncryptedValue(new byte[] {2}), now);
            return null;
        });
        assertThat(tx.read(() -> overrides.find(s.id(), user)).orElseThrow().bytes()).containsExactly(2);
        assertThat(tx.read(() -> overrides.find(s.id(), UUID.randomUUID()))).isEmpty();
        assertThat(tx.read(() -> orgSecrets.liveById(project.orgId(), s.id()))).isPresent();
        assertThat(tx.read(() -> orgSecrets.liveById(UUID.randomUUID(), s.id()))).as("another organization").isEmpty();
        assertThat(tx.read(() -> orgSecrets.listLiveInOrganization(project.orgId()))).extracting(Secret::id).contains(s.id());
        assertThat(tx.read(() -> orgSecrets.createdAt(List.of(s.id())))).containsEntry(s.id(), now);
    }

    @Test
    void auditJournal_addsWithoutLocking_guardsRevokedTokens_andSealsInJournalOrder() throws Exception {
        AuditJournal journal = ctx.getBean(AuditJournal.class);
        AuditLog log = ctx.getBean(AuditLog.class);
        UUID chain = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        var entry = new AuditEvent.Entry(Optional.of(user), Optional.empty(), "secret.read", "org/x", "success", "127.0.0.1", "ua", "2 values");
        // No token: always added. An unknown (or revoked) token: refused by the same statement, in a batch too.
        UUID unknownToken = UUID.randomUUID();
        assertThat(tx.write(() -> journal.add(new AuditJournal.Pending(chain, now, entry, Optional.empty())))).isTrue();
        assertThat(tx.write(() -> journal.addAll(List.of(new AuditJournal.Pending(chain, now, entry, Optional.empty()),
                new AuditJournal.Pending(chain, now, entry, Optional.of(unknownToken)),
                new AuditJournal.Pending(chain, now.plusSeconds(1), entry, Optional.empty()))))).containsExactly(true, false, true);
        List<AuditJournal.Waiting> waiting = tx.read(() -> journal.waiting(chain, 10));
        assertThat(waiting).hasSize(3);
        assertThat(waiting).extracting(AuditJournal.Waiting::id).isSorted();
        assertThat(tx.read(() -> journal.chainsWaiting(1000))).contains(chain);

        // While one transaction holds the head, another sealer skips the chain instead of waiting.
        assertThat(tx.write(() -> log.tryLockHead(chain))).contains(new AuditLog.Head(0, AuditEvent.GENESIS)); // its first seal creates it
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        Future<?> held = holder.submit(() -> tx.write(() -> {
            log.lockHead(chain);
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        locked.await();
        assertThat(tx.write(() -> log.tryLockHead(chain))).isEmpty();
        release.countDown();
        held.get();
        holder.shutdown();

        tx.write(() -> {
            AuditLog.Head head = log.tryLockHead(chain).orElseThrow();
            List<AuditEvent> events = new ArrayList<>();
            String prev = head.hash();
            long seq = head.seq();
            for (AuditJournal.Waiting w : waiting) {
                AuditEvent e = AuditEvent.append(chain, seq, prev, w.at(), w.entry());
                events.add(e);
                prev = e.hash();
                seq = e.seq();
            }
            log.appendAll(events);
            journal.remove(waiting.stream().map(AuditJournal.Waiting::id).toList());
            return null;
        });
        assertThat(tx.read(() -> journal.waiting(chain, 10))).isEmpty();
        List<AuditEvent> chained = tx.read(() -> log.range(chain, 0, 10));
        assertThat(chained).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(chained.get(2).verify(chained.get(1).hash())).isTrue();
        assertThat(tx.read(() -> log.lockHeadForRead(chain))).isEqualTo(new AuditLog.Head(3, chained.get(2).hash()));
    }

    @Test
    void readTransactions_runInAutocommit_writeTransactionsDoNot() throws Exception {
        @SuppressWarnings("unchecked")
        io.micronaut.transaction.TransactionOperations<java.sql.Connection> ops = ctx.getBean(io.micronaut.transaction.TransactionOperations.class);
        assertThat(tx.read(() -> {
            try {
                return ops.getConnection().getAutoCommit();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        })).as("a read is one statement after another: no BEGIN, no COMMIT round trip").isTrue();
        assertThat(tx.write(() -> {
            try {
                return ops.getConnection().getAutoCommit();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        })).isFalse();
        // A read inside a write joins it.
        assertThat(tx.write(() -> tx.read(() -> {
            try {
                return ops.getConnection().getAutoCommit();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }))).isFalse();
    }

    /** The stored ciphertext of a version, straight from the store. */
    byte[] storedCiphertext(KeyRotations rotations, Secret s, int version) {
        return tx.read(() -> rotations.valuesAfter(project.id(), Optional.empty(), 0, 10_000, Long.MAX_VALUE)).stream()
                .filter(v -> v.secretId().equals(s.id()) && v.version() == version).findFirst().orElseThrow().ciphertext().bytes();
    }

    @Test
    void keyRotations_valuesAfter_walksOneProjectInOrder_inPagesCutByCountOrSize() {
        KeyRotations rotations = ctx.getBean(KeyRotations.class);
        put("A", 2);
        put("B", 1);
        put("C", 3);
        Project other = new Project(UUID.randomUUID(), project.orgId(), new Slug("other"), "Other", 1, now);
        tx.write(() -> {
            projects.insert(other, Environment.defaultsFor(other.id()), new WrappedKeyBlob("kek", "1", new byte[] {4, 5}));
            Secret elsewhere = Secret.define(other.id(), tx.read(() -> projects.environments(other.id())).get(0).id(), new SecretKey("A"),
                    Tags.NONE, PurposeType.Other, null, now);
            secrets.insert(elsewhere);
            secrets.insertVersion(new SecretVersion(elsewhere.id(), 1, new EncryptedValue(new byte[] {5, 5}), now, Optional.empty(), false));
            secrets.update(elsewhere.withNewValue(1, now));
            return null;
        });

        List<KeyRotations.StoredValue> all = tx.read(() -> rotations.valuesAfter(project.id(), Optional.empty(), 0, 100, Long.MAX_VALUE));
        assertThat(all).hasSize(6);
        assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing((KeyRotations.StoredValue v) -> v.secretId().toString())
                .thenComparingInt(KeyRotations.StoredValue::version));
        assertThat(all).allSatisfy(v -> assertThat(v.environmentId()).isEqualTo(env.id()));

        List<KeyRotations.StoredValue> first = tx.read(() -> rotations.valuesAfter(project.id(), Optional.empty(), 0, 4, Long.MAX_VALUE));
        KeyRotations.StoredValue last = first.get(3);
        List<KeyRotations.StoredValue> rest = tx.read(() -> rotations.valuesAfter(project.id(), Optional.of(last.secretId()), last.version(), 4,
                Long.MAX_VALUE));
        assertThat(first).extracting(KeyRotations.StoredValue::secretId, KeyRotations.StoredValue::version).containsExactlyElementsOf(
                all.subList(0, 4).stream().map(v -> org.assertj.core.groups.Tuple.tuple(v.secretId(), v.version())).toList());
        assertThat(rest).extracting(KeyRotations.StoredValue::secretId, KeyRotations.StoredValue::version).containsExactlyElementsOf(
                all.subList(4, 6).stream().map(v -> org.assertj.core.groups.Tuple.tuple(v.secretId(), v.version())).toList());
        KeyRotations.StoredValue end = rest.get(1);
        assertThat(tx.read(() -> rotations.valuesAfter(project.id(), Optional.of(end.secretId()), end.version(), 4, Long.MAX_VALUE))).isEmpty();

        // Every stored ciphertext here is 2 bytes: a page of at most 3 bytes ends with the value that reaches them.
        assertThat(tx.read(() -> rotations.valuesAfter(project.id(), Optional.empty(), 0, 100, 3))).hasSize(2);
        assertThat(tx.read(() -> rotations.valuesAfter(project.id(), Optional.empty(), 0, 100, 1))).hasSize(1);
        assertThat(tx.read(() -> rotations.countValues(project.id()))).isEqualTo(6);
    }

    @Test
    void keyRotations_replaceAll_replacesOnlyValuesStillAsRead() {
        KeyRotations rotations = ctx.getBean(KeyRotations.class);
        SecretOverrides overrides = ctx.getBean(SecretOverrides.class);
        Secret a = put("A", 2);
        UUID user = UUID.randomUUID();
        tx.write(() -> {
            ctx.getBean(Users.class).insert(new User(user, user + "@x.test", "U", "h", false, now));
            overrides.upsert(a.id(), user, new EncryptedValue(new byte[] {7, 7}), now);
            return null;
        });
        List<KeyRotations.StoredValue> read = new ArrayList<>(tx.read(() -> rotations.valuesAfter(project.id(), Optional.empty(), 0, 100, Long.MAX_VALUE)));
        read.addAll(tx.read(() -> rotations.personalValues(project.id())));
        assertThat(read).hasSize(3);
        // Version 1 changes after it was read.
        KeyRotations.StoredValue v1 = read.stream().filter(v -> v.userId().isEmpty() && v.version() == 1).findFirst().orElseThrow();
        tx.write(() -> rotations.replaceAll(List.of(new KeyRotations.Replacement(v1, new EncryptedValue(new byte[] {42})))));

        int replaced = tx.write(() -> rotations.replaceAll(read.stream()
                .map(v -> new KeyRotations.Replacement(v, new EncryptedValue(new byte[] {99, (byte) v.version()}))).toList()));

        assertThat(replaced).isEqualTo(2);
        assertThat(storedCiphertext(rotations, a, 1)).containsExactly(42);
        assertThat(storedCiphertext(rotations, a, 2)).containsExactly(99, 2);
        assertThat(tx.read(() -> overrides.find(a.id(), user)).orElseThrow().bytes()).containsExactly(99, 0);
        assertThat(tx.write(() -> rotations.replaceAll(List.of()))).isZero();
    }

    @Test
    void keyRotations_replaceAll_waitsForAConcurrentWriteToCommit_thenLeavesItsValue() throws Exception {
        KeyRotations rotations = ctx.getBean(KeyRotations.class);
        SecretOverrides overrides = ctx.getBean(SecretOverrides.class);
        Secret a = put("A", 1);
        UUID user = UUID.randomUUID();
        tx.write(() -> {
            ctx.getBean(Users.class).insert(new User(user, user + "@x.test", "U", "h", false, now));
            overrides.upsert(a.id(), user, new EncryptedValue(new byte[] {7}), now);
            return null;
        });
        List<KeyRotations.StoredValue> read = new ArrayList<>(tx.read(() -> rotations.valuesAfter(project.id(), Optional.empty(), 0, 100, Long.MAX_VALUE)));
        read.addAll(tx.read(() -> rotations.personalValues(project.id())));
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // Another connection changes both rows and holds its locks for a while before it commits: another
            // node re-encrypting the version, the user saving a new personal value.
            Future<?> concurrent = other.submit(() -> tx.write(() -> {
                rotations.replaceAll(List.of(new KeyRotations.Replacement(read.get(0), new EncryptedValue(new byte[] {1, 1}))));
                overrides.upsert(a.id(), user, new EncryptedValue(new byte[] {2, 2}), now);
                written.countDown();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            written.await();

            int replaced = tx.write(() -> rotations.replaceAll(read.stream()
                    .map(v -> new KeyRotations.Replacement(v, new EncryptedValue(new byte[] {99}))).toList()));

            concurrent.get();
            assertThat(replaced).isZero();
            assertThat(storedCiphertext(rotations, a, 1)).containsExactly(1, 1);
            assertThat(tx.read(() -> overrides.find(a.id(), user)).orElseThrow().bytes()).containsExactly(2, 2);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void organizationKeys_arePagedInIdOrder_lockedByTheGroup_andReplacedInOneGo() {
        OrganizationKeys keys = ctx.getBean(OrganizationKeys.class);
        List<UUID> mine = new ArrayList<>(List.of(project.orgId()));
        for (int i = 0; i < 3; i++) {
            Organization org = new Organization(UUID.randomUUID(), new Slug("k-" + UUID.randomUUID().toString().substring(0, 8)), "Org", now);
            tx.write(() -> {
                orgs.insert(org, new WrappedKeyBlob("root", "1", new byte[] {(byte) 1}));
                return null;
            });
            mine.add(org.id());
        }

        List<UUID> walked = new ArrayList<>();
        for (UUID after = null; ; ) {
            UUID cursor = after;
            List<OrganizationKeys.StoredKek> page = tx.read(() -> keys.keksAfter(cursor, 2));
            page.forEach(k -> walked.add(k.orgId()));
            if (page.size() < 2) {
                break;
            }
            after = page.get(1).orgId();
        }
        assertThat(walked).doesNotHaveDuplicates().containsAll(mine).isSortedAccordingTo(java.util.Comparator.comparing(UUID::toString));

        UUID gone = UUID.randomUUID();
        java.util.Map<UUID, WrappedKeyBlob> locked = tx.write(() -> keys.keksForUpdate(List.of(mine.get(3), gone, mine.get(1))));
        assertThat(locked).containsOnlyKeys(mine.get(3), mine.get(1));
        assertThat(locked.get(mine.get(1))).isEqualTo(new WrappedKeyBlob("root", "1", new byte[] {1}));
        tx.write(() -> {
            keys.keksForUpdate(List.of(mine.get(1), mine.get(2)));
            keys.replaceKeks(java.util.Map.of(mine.get(1), new WrappedKeyBlob("root", "2", new byte[] {2}), mine.get(2),
                    new WrappedKeyBlob("root", "2", new byte[] {3})));
            return null;
        });
        assertThat(tx.read(() -> keys.kek(mine.get(1)))).contains(new WrappedKeyBlob("root", "2", new byte[] {2}));
        assertThat(tx.read(() -> keys.kek(mine.get(2)))).contains(new WrappedKeyBlob("root", "2", new byte[] {3}));
        assertThat(tx.read(() -> keys.kek(mine.get(3)))).contains(new WrappedKeyBlob("root", "1", new byte[] {1}));
    }
}
