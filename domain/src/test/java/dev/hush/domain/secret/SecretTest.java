package dev.hush.domain.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class SecretTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-02-01T00:00:00Z");
    private static final SecretKey KEY = new SecretKey("DATABASE_URL");
    private static final BooleanSupplier NOT_ASKED = () -> fail("the value must not be compared");

    private static SecretUpdate value() { return new SecretUpdate(Optional.empty(), Optional.empty(), Optional.empty(), true); }

    private static SecretUpdate description(String d) { return new SecretUpdate(Optional.empty(), Optional.empty(), Optional.of(d), false); }

    /** A stored secret at version 3 with a value. */
    private static Secret stored() {
        return Secret.define(UUID.randomUUID(), UUID.randomUUID(), KEY, Tags.NONE, PurposeType.Other, "db", T0).withNewValue(3, T0);
    }

    @Test
    void create_withoutValue_isCreatedWithoutVersion() {
        var update = new SecretUpdate(Optional.empty(), Optional.of(PurposeType.Other), Optional.of("the database"), false);
        SecretOutcome.Created out = Secret.create(UUID.randomUUID(), UUID.randomUUID(), KEY, update, NOW);

        assertThat(out.storeValue()).isFalse();
        assertThat(out.secret().version()).isZero();
        assertThat(out.secret().hasValue()).isFalse();
        assertThat(out.secret().description()).isEqualTo("the database");
        assertThat(out.secret().tags()).isEqualTo(Tags.NONE);
        assertThat(out.secret().updatedAt()).isEqualTo(NOW);
    }

    @Test
    void create_withValue_isCreatedStoringVersionOne() {
        SecretOutcome.Created out = Secret.create(UUID.randomUUID(), UUID.randomUUID(), KEY, value(), NOW);

        assertThat(out.storeValue()).isTrue();
        assertThat(out.secret().nextVersion()).isEqualTo(1);
        assertThat(out.secret().description()).isNull();
    }

    @Test
    void apply_toDeleted_isCreatedAgainWithNewValue() {
        Secret deleted = stored().deleted(T0);

        SecretOutcome out = deleted.apply(value(), true, NOT_ASKED, NOW);

        assertThat(out).isInstanceOf(SecretOutcome.Created.class);
        assertThat(out.storeValue()).isTrue();
        assertThat(out.secret().isDeleted()).isFalse();
        assertThat(out.secret().nextVersion()).isEqualTo(4);
    }

    @Test
    void apply_toDeletedWithoutValue_isCreatedAgainWithoutValue() {
        SecretOutcome out = stored().deleted(T0).apply(description("db"), true, NOT_ASKED, NOW);

        assertThat(out).isInstanceOf(SecretOutcome.Created.class);
        assertThat(out.storeValue()).isFalse();
        assertThat(out.secret().isDeleted()).isFalse();
        assertThat(out.secret().hasValue()).isFalse();
    }

    @Test
    void apply_metadataOnly_isUpdatedWithoutValue() {
        Secret current = stored();

        SecretOutcome out = current.apply(description("the primary database"), true, NOT_ASKED, NOW);

        assertThat(out).isInstanceOf(SecretOutcome.Updated.class);
        assertThat(out.storeValue()).isFalse();
        assertThat(out.secret().description()).isEqualTo("the primary database");
        assertThat(out.secret().version()).isEqualTo(3);
        assertThat(out.secret().updatedAt()).isEqualTo(NOW);
    }

    @Test
    void apply_sameValueAndMetadata_isUnchanged() {
        Secret current = stored();
        var update = new SecretUpdate(Optional.of(Tags.NONE), Optional.of(PurposeType.Other), Optional.of("db"), true);

        SecretOutcome out = current.apply(update, true, () -> true, NOW);

        assertThat(out).isInstanceOf(SecretOutcome.Unchanged.class);
        assertThat(out.storeValue()).isFalse();
        assertThat(out.secret()).isSameAs(current);
    }

    @Test
    void apply_noMetadataNoValue_isUnchanged() {
        Secret current = stored();
        var update = new SecretUpdate(Optional.empty(), Optional.empty(), Optional.empty(), false);

        assertThat(current.apply(update, true, NOT_ASKED, NOW)).isInstanceOf(SecretOutcome.Unchanged.class);
    }

    @Test
    void apply_changedValue_isUpdatedStoringNextVersion() {
        SecretOutcome out = stored().apply(value(), true, () -> false, NOW);

        assertThat(out).isInstanceOf(SecretOutcome.Updated.class);
        assertThat(out.storeValue()).isTrue();
        assertThat(out.secret().nextVersion()).isEqualTo(4);
    }

    @Test
    void apply_valueByCallerWhoMayNotCompare_isAlwaysNewVersion() {
        // The same value again: a caller who may not read the environment learns nothing from the answer.
        SecretOutcome out = stored().apply(value(), false, NOT_ASKED, NOW);

        assertThat(out).isInstanceOf(SecretOutcome.Updated.class);
        assertThat(out.storeValue()).isTrue();
    }

    @Test
    void apply_valueToSecretWithoutValue_storesWithoutComparing() {
        Secret defined = Secret.define(UUID.randomUUID(), UUID.randomUUID(), KEY, Tags.NONE, PurposeType.Other, null, T0);

        SecretOutcome out = defined.apply(value(), true, NOT_ASKED, NOW);

        assertThat(out).isInstanceOf(SecretOutcome.Updated.class);
        assertThat(out.storeValue()).isTrue();
        assertThat(out.secret().nextVersion()).isEqualTo(1);
    }
}
