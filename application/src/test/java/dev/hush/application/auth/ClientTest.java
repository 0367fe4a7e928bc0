package dev.hush.application.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientTest {
    @Test
    void throttleKey_countsIpv4AsItIs_andIpv6ByItsSlash64() {
        assertThat(new Client("203.0.113.7", null).throttleKey()).isEqualTo("203.0.113.7");
        assertThat(new Client("2001:db8:1:2:3:4:5:6", null).throttleKey()).isEqualTo("2001:db8:1:2::/64");
        assertThat(new Client("2001:db8:1:2:ffff::1", null).throttleKey()).as("the same /64").isEqualTo("2001:db8:1:2::/64");
        assertThat(new Client("2001:db8:1:3::1", null).throttleKey()).as("another /64").isEqualTo("2001:db8:1:3::/64");
        assertThat(new Client(null, null).throttleKey()).isNull();
    }
}
