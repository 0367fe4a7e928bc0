package dev.hush.application.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
    @Test
    void listsOfRangesAndAddresses_containWhatTheyShould() {
        List<Cidr> nets = Cidr.parseList(" 10.0.0.0/8, 192.0.2.7 ,fd00::/8,[2001:db8::1]", "TEST");
        assertThat(nets).hasSize(4);
        assertThat(nets.get(0).contains(Cidr.literal("10.255.1.2").orElseThrow())).isTrue();
        assertThat(nets.get(0).contains(Cidr.literal("11.0.0.1").orElseThrow())).isFalse();
        assertThat(nets.get(1).contains(Cidr.literal("192.0.2.7").orElseThrow())).isTrue();
        assertThat(nets.get(1).contains(Cidr.literal("192.0.2.8").orElseThrow())).isFalse();
        assertThat(nets.get(2).contains(Cidr.literal("fd12::1").orElseThrow())).isTrue();
        assertThat(nets.get(2).contains(Cidr.literal("10.0.0.1").orElseThrow())).as("another family").isFalse();
        assertThat(nets.get(3).contains(Cidr.literal("2001:db8::1").orElseThrow())).isTrue();
        assertThat(Cidr.parseList("", "TEST")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "2130706433", "0x7f.1", "0177.0.0.1", "10.0.0", "256.1.1.1", "1.2.3.4/33", "::1/129",
            "10.0.0.0/x", "10.0.0.0/8/8", "fe80::1%eth0", " "})
    void namesOddNotationsAndBadPrefixes_areNoLiterals(String text) {
        assertThat(Cidr.literal(text.split("/")[0])).as("never resolved, never guessed").satisfiesAnyOf(
                a -> assertThat(a).isEmpty(),
                a -> assertThat(text).contains("/"));
        if (!text.isBlank()) {
            assertThatThrownBy(() -> Cidr.parseList(text, "HUSH_TRUSTED_PROXIES")).hasMessageContaining("HUSH_TRUSTED_PROXIES");
        }
    }
}
