package dev.hush.domain.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.domain.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferencesTest {
    @Test
    void parse_readsTheThreeFormsByTheirNumberOfDots() {
        List<References.Reference> refs = References.parse("value", "a=${KEY} b=${prod.DB_URL} c=${api.staging.TOKEN} d=${api.prod.config.json}");
        assertThat(refs).extracting(References.Reference::text)
                .containsExactly("${KEY}", "${prod.DB_URL}", "${api.staging.TOKEN}", "${api.prod.config.json}");
        assertThat(refs.get(0)).isEqualTo(new References.Reference(Optional.empty(), Optional.empty(), "KEY", "${KEY}"));
        assertThat(refs.get(1).env()).contains("prod");
        assertThat(refs.get(2).project()).contains("api");
        assertThat(refs.get(3).key()).isEqualTo("config.json");
    }

    @Test
    void render_replacesWhatResolves_keepsTheRest_andUnescapes() {
        Map<String, String> known = Map.of("${HOST}", "db.internal", "${prod.PASSWORD}", "s3cret");
        List<References.Reference> unresolved = new ArrayList<>();
        String out = References.render("postgres://app:${prod.PASSWORD}@${HOST}/${MISSING} \\${NOT_A_REF}",
                r -> Optional.ofNullable(known.get(r.text())), unresolved);
        assertThat(out).isEqualTo("postgres://app:s3cret@db.internal/${MISSING} ${NOT_A_REF}");
        assertThat(unresolved).extracting(References.Reference::text).containsExactly("${MISSING}");
        assertThat(References.parse("value", "\\${ESCAPED} only")).isEmpty();
    }

    @Test
    void malformed_isRefusedOnWrite_butLeftAsItIsOnRead() {
        assertThatThrownBy(() -> References.parse("value", "x ${HOME:-/tmp}")).isInstanceOf(Rejection.class)
                .hasMessageContaining("malformed reference at character 3").hasMessageNotContaining("/tmp");
        assertThatThrownBy(() -> References.parse("value", "x ${OPEN")).isInstanceOf(Rejection.class).hasMessageContaining("without a closing");
        assertThatThrownBy(() -> References.parse("value", "${Prod.KEY}")).isInstanceOf(Rejection.class);
        List<References.Reference> unresolved = new ArrayList<>();
        assertThat(References.render("x ${HOME:-/tmp} ${OPEN", r -> Optional.of("never"), unresolved)).isEqualTo("x ${HOME:-/tmp} ${OPEN");
        assertThat(unresolved).isEmpty();
        assertThat(References.mayContain("plain $HOME")).isFalse();
        assertThat(SecretValue.of("value", "plain $HOME {x}").mayHoldReference()).isFalse();
        assertThat(SecretValue.of("value", "x ${KEY}").mayHoldReference()).isTrue();
    }
}
