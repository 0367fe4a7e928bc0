package dev.hush.application.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.domain.Rejection;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook SSRF guard, with a fake resolver (no DNS): every refused case and the allowlist. */
class UrlGuardTest {
    private static final Map<String, List<InetAddress>> DNS = Map.of(
            "hooks.example.com", ips("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
            "rebind.example.com", ips("127.0.0.1"),
            "mixed.example.com", ips("93.184.216.34", "10.0.0.5"),
            "mapped.example.com", List.of(mappedIpv6(127, 0, 0, 1)),
            "nat64.example.com", ips("64:ff9b::a9fe:a9fe"),
            "sixtofour.example.com", ips("2002:c0a8:0101::1"),
            "vault.corp.example", ips("10.0.0.7"),
            "ci.corp.example", ips("192.168.1.10"),
            "other.corp.example", ips("192.168.1.11"),
            "hooks.example.internal", ips("10.20.30.40"));
    private static final UrlGuard.Resolver RESOLVER = host -> {
        List<InetAddress> found = DNS.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        return found;
    };
    private final UrlGuard guard = new UrlGuard("", RESOLVER);

    @Test
    void check_httpsToPublicAddress_returnsTheTarget() {
        UrlGuard.Target target = guard.check("https://93.184.216.34/hook");

        assertThat(target.host()).isEqualTo("93.184.216.34");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.https()).isTrue();
        assertThat(target.addresses()).containsExactly(ip("93.184.216.34"));
        assertThat(target.uri().getPath()).isEqualTo("/hook");
    }

    @Test
    void check_httpsToPublicName_returnsEveryResolvedAddress() {
        UrlGuard.Target target = guard.check("https://Hooks.Example.COM.:8443/hook?x=1");

        assertThat(target.host()).isEqualTo("hooks.example.com");
        assertThat(target.port()).isEqualTo(8443);
        assertThat(target.addresses()).containsExactlyElementsOf(DNS.get("hooks.example.com"));
    }

    @Test
    void check_ipv4MappedPublicAddress_connectsToThePlainIpv4Address() {
        assertThat(guard.check("https://[::ffff:93.184.216.34]/").addresses()).containsExactly(ip("93.184.216.34"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://127.0.0.1/                | a loopback address",
        "https://127.8.9.10:8443/          | a loopback address",
        "https://localhost/                | localhost",
        "https://api.localhost/            | localhost",
        "https://rebind.example.com/       | a loopback address",
        "https://mixed.example.com/        | a private address",
        "https://10.1.2.3/                 | a private address",
        "https://172.16.0.1/               | a private address",
        "https://172.31.255.255/           | a private address",
        "https://192.168.0.1/              | a private address",
        "https://100.64.0.1/               | carrier-grade NAT",
        "https://169.254.169.254/latest/   | cloud metadata",
        "https://169.254.1.1/              | a link-local address",
        "https://metadata.google.internal/ | cloud metadata",
        "https://db.internal/              | internal name",
        "https://[::1]/                    | a loopback address",
        "https://[::ffff:127.0.0.1]/       | a loopback address",
        "https://[::ffff:a9fe:a9fe]/       | cloud metadata",
        "https://mapped.example.com/       | a loopback address",
        "https://[::127.0.0.1]/            | IPv4-compatible",
        "https://nat64.example.com/        | cloud metadata",
        "https://sixtofour.example.com/    | a private address",
        "https://[2001:0:4136:e378::1]/    | Teredo",
        "https://[fd00:ec2::254]/          | cloud metadata",
        "https://[fd12:3456::1]/           | unique local",
        "https://[fe80::1]/                | a link-local address",
        "https://[ff02::1]/                | multicast",
        "https://[::]/                     | an unspecified address",
        "https://0.0.0.0/                  | an unspecified address",
        "https://224.0.0.1/                | multicast",
        "https://255.255.255.255/          | broadcast",
        "https://192.0.0.170/              | reserved",
        "https://198.18.0.1/               | reserved",
    })
    void check_forbiddenTarget_isRefusedWithTheRule(String url, String reason) {
        assertRefused(guard, url, reason);
    }

    /**
     * Red-team finding 10: every IPv6 range that embeds or translates IPv4, and every special-purpose range of
     * the IANA registries (IPv4 and IPv6) not covered above, one address each.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://[::ffff:0:7f00:1]/         | IPv4-translated",
        "https://[::ffff:0:a9fe:a9fe]/      | IPv4-translated",
        "https://[::ffff:0:5db8:d822]/      | IPv4-translated",
        "https://[64:ff9b:1::7f00:1]/       | local-use NAT64",
        "https://[64:ff9b:1::a9fe:a9fe]/    | local-use NAT64",
        "https://[64:ff9b::5db8:d822]/      | NAT64",
        "https://[2002:5db8:d822::1]/       | 6to4",
        "https://[100::1]/                  | discard-only",
        "https://[100:0:0:1::1]/            | dummy prefix",
        "https://[2001:db8::1]/             | documentation",
        "https://[3fff::1]/                 | documentation",
        "https://[2001:2::1]/               | IETF protocol assignment",
        "https://[2001:20::1]/              | IETF protocol assignment",
        "https://[2620:4f:8000::1]/         | AS112",
        "https://[5f00::1]/                 | SRv6",
        "https://192.0.2.10/                | TEST-NET-1",
        "https://198.51.100.10/             | TEST-NET-2",
        "https://203.0.113.10/              | TEST-NET-3",
        "https://192.31.196.1/              | AS112",
        "https://192.175.48.1/              | AS112",
        "https://192.52.193.1/              | AMT",
        "https://192.88.99.1/               | 6to4 relay",
    })
    void check_specialPurposeAndTranslatingRanges_areRefused(String url, String reason) {
        assertRefused(guard, url, reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://2130706433/", "https://0177.0.0.1/", "https://017700000001/", "https://0x7f.0.0.1/",
        "https://0x7f000001/", "https://127.1/", "https://127.0.1/", "https://127.000.000.001/", "https://1.2.3.0x4/",
        "https://%31%32%37.0.0.1/"})
    void check_unusualIpv4Notation_isRefusedBeforeResolution(String url) {
        assertRefused(guard, url, "unusual IP address notation");
    }

    @Test
    void check_userInfo_isRefusedWithoutEchoingTheCredentials() {
        assertThatThrownBy(() -> guard.check("https://admin:s3cr3t-pw@hooks.example.com/"))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.code()).isEqualTo("webhook_url_refused");
                    assertThat(r.errors().get(0).message()).contains("user name or password").doesNotContain("s3cr3t");
                    assertThat(r.getMessage()).doesNotContain("s3cr3t").doesNotContain("admin");
                });
        assertThatThrownBy(() -> guard.check("https://admin:s3cr3t-pw@exa mple.com/"))
                .isInstanceOf(Rejection.class)
                .hasMessageNotContaining("s3cr3t");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://93.184.216.34/             | plain http is allowed only for allowlisted hosts",
        "http://hooks.example.com/         | plain http is allowed only for allowlisted hosts",
        "ftp://hooks.example.com/          | only https",
        "file:///etc/passwd                | only https",
        "gopher://hooks.example.com:70/    | only https",
        "https:hooks.example.com           | no host",
        "https:///hook                     | no host",
        "https://unknown.example.com/      | does not resolve",
        "https://hooks.example.com/#frag   | fragment",
        "https://hooks.example.com:0/      | port",
        "https://hooks.example.com:65536/  | port",
        "https://hooks.example.com:99999999999/ | port",
        "https://under_score.example.com/  | DNS name",
        "https://[fe80::1%25eth0]/         | DNS name",
        "https://hooks.example.com../      | DNS name",
        "' '                               | required",
    })
    void check_badUrl_isRefused(String url, String reason) {
        assertRefused(guard, url, reason);
    }

    @Test
    void check_overlongUrl_isRefused() {
        String url = "https://hooks.example.com/" + "a".repeat(UrlGuard.MAX_URL_LENGTH);

        assertRefused(guard, url, "longer than 2048");
        assertThat(guard.check(url.substring(0, UrlGuard.MAX_URL_LENGTH)).host()).isEqualTo("hooks.example.com");
    }

    @Test
    void check_cidrAllowlisted_allowsHttpAndPrivateAddressesInsideIt() {
        UrlGuard allowing = new UrlGuard("10.0.0.0/8, fd12:3456::/32", RESOLVER);

        UrlGuard.Target literal = allowing.check("http://10.1.2.3:8080/hook");
        assertThat(literal.https()).isFalse();
        assertThat(literal.port()).isEqualTo(8080);
        assertThat(literal.addresses()).containsExactly(ip("10.1.2.3"));
        assertThat(allowing.check("http://vault.corp.example/hook").addresses()).containsExactly(ip("10.0.0.7"));
        assertThat(allowing.check("https://[fd12:3456::1]/").port()).isEqualTo(443);
        assertRefused(allowing, "https://192.168.1.1/", "a private address");
        assertRefused(allowing, "https://[fd99::1]/", "unique local");
        assertRefused(allowing, "http://93.184.216.34/", "plain http");
    }

    @Test
    void check_hostNameAllowlisted_allowsHttpAndItsPrivateAddresses() {
        UrlGuard allowing = new UrlGuard("CI.corp.example", RESOLVER);

        UrlGuard.Target target = allowing.check("http://ci.CORP.example/hook");
        assertThat(target.port()).isEqualTo(80);
        assertThat(target.addresses()).containsExactly(ip("192.168.1.10"));
        assertRefused(allowing, "http://other.corp.example/", "a private address");
        assertRefused(allowing, "https://sub.ci.corp.example/", "does not resolve");
    }

    @Test
    void check_wildcardAllowlisted_allowsSubdomainsOnly() {
        UrlGuard allowing = new UrlGuard("*.example.internal", RESOLVER);

        assertThat(allowing.check("http://hooks.example.internal/").addresses()).containsExactly(ip("10.20.30.40"));
        assertRefused(allowing, "https://example.internal/", "internal name");
        assertRefused(allowing, "https://metadata.google.internal/", "cloud metadata");
    }

    @Test
    void constructor_emptyAllowlist_allowsNothingExtra() {
        assertRefused(new UrlGuard(null, RESOLVER), "https://10.0.0.1/", "a private address");
        assertRefused(new UrlGuard(" , ", RESOLVER), "https://10.0.0.1/", "a private address");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "10.0.0.0/33", "10.0.0/8", "10.0.0.0/-1", "10.0.0.0/8/9", "10.0.0.0/", "fd00::/129", "fd00::zz/8",
        "not a host", "exa_mple.com", "*.", "*", "0x7f000001", "127.1", "2130706433", "http://example.com"})
    void constructor_invalidAllowlistEntry_throws(String entry) {
        assertThatThrownBy(() -> new UrlGuard("example.com," + entry, RESOLVER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HUSH_WEBHOOKS_ALLOW");
    }

    private static void assertRefused(UrlGuard guard, String url, String reason) {
        assertThatThrownBy(() -> guard.check(url))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
                    assertThat(r.code()).isEqualTo("webhook_url_refused");
                    assertThat(r.errors()).singleElement().satisfies(e -> {
                        assertThat(e.field()).isEqualTo("url");
                        assertThat(e.message()).contains(reason);
                    });
                });
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An Inet6Address that keeps the ::ffff:a.b.c.d form (InetAddress.getByName would return an Inet4Address). */
    private static InetAddress mappedIpv6(int a, int b, int c, int d) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<InetAddress> ips(String... literals) {
        return Arrays.stream(literals).map(UrlGuardTest::ip).toList();
    }
}
