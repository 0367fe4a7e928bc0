package dev.hush.application.webhook;

import dev.hush.application.net.Cidr;
import dev.hush.domain.Rejection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The server-side request forgery guard for outgoing webhooks (docs/security.md item 19). A webhook URL is
 * chosen by a user, so without this check Hush could be made to call its own loopback services, the
 * private network it runs in, or a cloud metadata endpoint (169.254.169.254, fd00:ec2::254,
 * metadata.google.internal) that hands out credentials.
 *
 * <p>{@link #check} accepts only {@code https} (plain {@code http} only for allowlisted hosts), refuses
 * user info, fragments and IPv4 notations that parsers read differently ({@code 2130706433},
 * {@code 0177.0.0.1}, {@code 0x7f.0.0.1}, {@code 127.1}), refuses reserved names ({@code localhost},
 * {@code *.internal}), resolves the host and refuses it if <em>any</em> address is loopback, private,
 * link-local, metadata, multicast or otherwise reserved, including IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, IPv4-compatible, 6to4, NAT64, Teredo). The operator allowlist ({@code HUSH_WEBHOOKS_ALLOW})
 * opens CIDRs and host names for self-hosted internal targets.
 *
 * <p>Callers must run the check at save, at test and before each send, and must connect to
 * {@link Target#addresses()}, never re-resolve {@link Target#host()}: a second DNS answer may differ
 * (DNS rebinding). Redirects must not be followed.
 */
public final class UrlGuard {

    /** Resolves a host name to all of its addresses. */
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /**
     * A target that passed the check: the URI to send to (as given), the host (lower case, without a
     * trailing dot; IPv6 literals without brackets) for TLS verification and SNI, the effective port, and
     * the addresses (all checked) to connect to.
     */
    public record Target(URI uri, String host, int port, boolean https, List<InetAddress> addresses) {
        public Target {
            addresses = List.copyOf(addresses);
        }
    }

    static final int MAX_URL_LENGTH = 2048;
    private static final String CODE = "webhook_url_refused";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    /** A last label that makes a host an IP address to some parser: decimal, octal or hex digits. */
    private static final Pattern NUMBER = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final String NOTATION = "the host uses an unusual IP address notation; "
            + "write IPv4 addresses as four decimal numbers (like 192.0.2.1)";
    private static final String HOST_SYNTAX = "the host must be a DNS name (IDN as punycode) or an IP address";

    private record Rule(Cidr net, String reason) {}

    /** Refused ranges, first match wins (so the metadata addresses come before their enclosing range). */
    private static final List<Rule> RULES = List.of(
            rule("0.0.0.0/8", "an unspecified address"),
            rule("127.0.0.0/8", "a loopback address"),
            rule("10.0.0.0/8", "a private address"),
            rule("172.16.0.0/12", "a private address"),
            rule("192.168.0.0/16", "a private address"),
            rule("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
            rule("169.254.169.254/32", "a cloud metadata address"),
            rule("169.254.0.0/16", "a link-local address"),
            rule("192.0.0.0/24", "a reserved (IETF protocol) address"),
            rule("192.0.2.0/24", "a documentation address (TEST-NET-1)"),
            rule("192.31.196.0/24", "a special-purpose (AS112) address"),
            rule("192.52.193.0/24", "a special-purpose (AMT) address"),
            rule("192.88.99.0/24", "a special-purpose (6to4 relay anycast) address"),
            rule("192.175.48.0/24", "a special-purpose (AS112) address"),
            rule("198.18.0.0/15", "a reserved (benchmarking) address"),
            rule("198.51.100.0/24", "a documentation address (TEST-NET-2)"),
            rule("203.0.113.0/24", "a documentation address (TEST-NET-3)"),
            rule("224.0.0.0/4", "a multicast address"),
            rule("240.0.0.0/4", "a reserved or broadcast address"),
            rule("::/128", "an unspecified address"),
            rule("::1/128", "a loopback address"),
            rule("::/96", "an IPv4-compatible IPv6 address (deprecated)"),
            rule("2001::/32", "a Teredo tunnel address"),
            rule("2001::/23", "a special-purpose (IETF protocol assignment) IPv6 address"),
            rule("2001:db8::/32", "a documentation IPv6 address"),
            rule("3fff::/20", "a documentation IPv6 address"),
            rule("100::/64", "a discard-only IPv6 address"),
            rule("100:0:0:1::/64", "a special-purpose (dummy prefix) IPv6 address"),
            rule("2620:4f:8000::/48", "a special-purpose (AS112) IPv6 address"),
            rule("5f00::/16", "a special-purpose (SRv6 SID) IPv6 address"),
            rule("fd00:ec2::254/128", "a cloud metadata address"),
            rule("fc00::/7", "a unique local (private) IPv6 address"),
            rule("fec0::/10", "a site-local (private) IPv6 address"),
            rule("fe80::/10", "a link-local address"),
            rule("ff00::/8", "a multicast address"));
    private static final Cidr MAPPED = cidr("::ffff:0:0/96");
    private static final Cidr NAT64 = cidr("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = cidr("2002::/16");
    /**
     * IPv6 ranges that embed or translate IPv4 addresses: refused whatever the IPv4 address (after the more
     * telling reason of a refused embedded address), since where they lead depends on translators on the way.
     */
    private static final List<Rule> TRANSLATING = List.of(
            rule("::ffff:0:0:0/96", "an IPv4-translated IPv6 address"),
            rule("64:ff9b::/96", "a NAT64 (IPv4-translating) IPv6 address"),
            rule("64:ff9b:1::/48", "a local-use NAT64 (IPv4-translating) IPv6 address"),
            rule("2002::/16", "a 6to4 (IPv4-embedding) IPv6 address"));

    private final List<Cidr> allowedNets = new ArrayList<>();
    private final Set<String> allowedNames = new HashSet<>();
    private final List<String> allowedSuffixes = new ArrayList<>();
    private final Resolver resolver;

    /**
     * @param allow the operator allowlist {@code HUSH_WEBHOOKS_ALLOW}: comma-separated CIDRs (IPv4 and IPv6;
     *     a bare address is a single-address CIDR) and host names (exact, case-insensitive; a leading
     *     {@code *.} matches subdomains); null or blank for none
     * @throws IllegalArgumentException for an entry that is neither
     */
    public UrlGuard(String allow, Resolver resolver) {
        this.resolver = resolver;
        for (String raw : allow == null ? new String[0] : allow.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/") || entry.contains(":") || looksNumeric(entry)) {
                allowedNets.add(allowEntryCidr(entry));
            } else if (entry.startsWith("*.")) {
                allowedSuffixes.add("." + allowEntryName(entry.substring(2), entry));
            } else {
                allowedNames.add(allowEntryName(entry, entry));
            }
        }
    }

    /** With the system resolver ({@link InetAddress#getAllByName}). */
    public UrlGuard(String allow) {
        this(allow, host -> List.of(InetAddress.getAllByName(host)));
    }

    /**
     * Checks the URL (syntax, scheme, host, every resolved address).
     *
     * @throws Rejection INVALID, code {@code webhook_url_refused}, field {@code url}, with the reason; the
     *     URL itself is never echoed (it may carry credentials)
     */
    public Target check(String url) {
        if (url == null || url.isBlank()) {
            throw refused("a URL is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw refused("the URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("the URL is not valid"); // the exception message would echo the URL
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused("only https URLs are accepted");
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            throw refused("the URL has no host");
        }
        if (uri.getRawUserInfo() != null || authority.contains("@")) {
            throw refused("the URL must not contain a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw refused("the URL must not contain a fragment (#...)");
        }
        if (uri.getHost() == null) {
            throw badAuthority(authority);
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            throw refused("the port must be between 1 and 65535");
        }

        String host = uri.getHost().toLowerCase(Locale.ROOT);
        InetAddress literal;
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            byte[] v6 = ipv6(host);
            if (v6 == null) {
                throw refused(HOST_SYNTAX);
            }
            literal = address(v6);
        } else {
            host = withoutTrailingDot(host);
            if (looksNumeric(host)) {
                byte[] v4 = ipv4(host);
                if (v4 == null) {
                    throw refused(NOTATION);
                }
                literal = address(v4);
            } else if (isDnsName(host)) {
                literal = null;
            } else {
                throw refused(HOST_SYNTAX);
            }
        }

        boolean nameAllowed = literal == null && nameAllowed(host);
        if (literal == null && !nameAllowed) {
            String reason = reservedName(host);
            if (reason != null) {
                throw refused(reason);
            }
        }
        List<InetAddress> addresses = new ArrayList<>();
        boolean allInAllowedNets = true;
        for (InetAddress resolved : literal != null ? List.of(literal) : resolve(host)) {
            InetAddress a = unmapped(resolved);
            addresses.add(a);
            boolean inAllowedNet = allowedNets.stream().anyMatch(n -> n.contains(a.getAddress()));
            allInAllowedNets &= inAllowedNet;
            if (!nameAllowed && !inAllowedNet) {
                String reason = forbidden(a.getAddress());
                if (reason != null) {
                    throw refused("the host resolves to " + reason);
                }
            }
        }
        boolean https = scheme.equals("https");
        if (!https && !nameAllowed && !allInAllowedNets) {
            throw refused("plain http is allowed only for allowlisted hosts; use https");
        }
        return new Target(uri, host, port == -1 ? (https ? 443 : 80) : port, https, addresses);
    }

    private List<InetAddress> resolve(String host) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw refused("the host does not resolve");
        }
        if (addresses == null || addresses.isEmpty() || addresses.stream().anyMatch(Objects::isNull)) {
            throw refused("the host does not resolve");
        }
        return addresses;
    }

    private boolean nameAllowed(String host) {
        return allowedNames.contains(host) || allowedSuffixes.stream().anyMatch(host::endsWith);
    }

    private static String reservedName(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return "the host is localhost (a loopback name)";
        }
        if (host.equals("metadata.google.internal")) {
            return "the host is a cloud metadata service";
        }
        if (host.equals("internal") || host.endsWith(".internal")) {
            return "the host is an internal name (*.internal)";
        }
        return null;
    }

    /** Why the address is refused, or null; IPv6 forms that embed an IPv4 address are judged by it. */
    private static String forbidden(byte[] address) {
        for (Rule rule : RULES) {
            if (rule.net.contains(address)) {
                return rule.reason;
            }
        }
        byte[] embedded = null;
        if (MAPPED.contains(address) || NAT64.contains(address)) {
            embedded = Arrays.copyOfRange(address, 12, 16);
        } else if (SIX_TO_FOUR.contains(address)) {
            embedded = Arrays.copyOfRange(address, 2, 6);
        }
        String reason = embedded == null ? null : forbidden(embedded);
        if (reason != null) {
            return reason + " (embedded in an IPv6 address)";
        }
        for (Rule rule : TRANSLATING) {
            if (rule.net.contains(address)) {
                return rule.reason;
            }
        }
        return null;
    }

    /** ::ffff:a.b.c.d as the IPv4 address a.b.c.d (Java usually does this already). */
    private static InetAddress unmapped(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && MAPPED.contains(b) ? address(Arrays.copyOfRange(b, 12, 16)) : a;
    }

    /** The most useful reason when java.net.URI could not read the host (or port) at all. */
    private static Rejection badAuthority(String authority) {
        String lower = authority.toLowerCase(Locale.ROOT);
        String host = lower.replaceFirst(":[0-9]*$", "");
        if (!host.equals(lower) && isDnsName(withoutTrailingDot(host))) {
            return refused("the port must be between 1 and 65535");
        }
        return refused(looksNumeric(withoutTrailingDot(host)) ? NOTATION : HOST_SYNTAX);
    }

    private static Rejection refused(String reason) {
        return new Rejection(Rejection.Kind.INVALID, CODE, "Webhook URL refused: " + reason + ".",
                List.of(new Rejection.FieldError("url", reason)));
    }

    // --- host syntax -------------------------------------------------------------------------------

    private static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** Whether some parser would read the host as an IPv4 address: its last label is a number. */
    private static boolean looksNumeric(String host) {
        return NUMBER.matcher(host.substring(host.lastIndexOf('.') + 1)).matches();
    }

    private static boolean isDnsName(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A canonical dotted-quad IPv4 address (no leading zeros, no short forms), or null. */
    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
                return null;
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    /** The 16 bytes of an IPv6 literal (without brackets or zone), parsed without any DNS lookup, or null. */
    private static byte[] ipv6(String text) {
        if (!text.contains(":") || !text.matches("[0-9a-f:.]+")) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName("[" + text + "]").getAddress(); // brackets: a literal or an exception, never DNS
        } catch (UnknownHostException e) {
            return null;
        }
        if (bytes.length == 4) { // Java turned ::ffff:a.b.c.d into a.b.c.d; keep the IPv6 form here
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return mapped;
        }
        return bytes;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for a wrong length
        }
    }

    // --- allowlist ---------------------------------------------------------------------------------

    private static Cidr allowEntryCidr(String entry) {
        String[] parts = entry.split("/", -1);
        String text = parts[0].startsWith("[") && parts[0].endsWith("]")
                ? parts[0].substring(1, parts[0].length() - 1) : parts[0];
        byte[] address = text.contains(":") ? ipv6(text) : ipv4(text);
        if (parts.length > 2 || address == null) {
            throw new IllegalArgumentException("HUSH_WEBHOOKS_ALLOW: \"" + entry + "\" is not a CIDR "
                    + "(like 10.0.0.0/8 or fd00::/8), an IP address or a host name");
        }
        int bits = address.length * 8;
        if (parts.length == 1) {
            return new Cidr(address, bits);
        }
        if (!parts[1].matches("[0-9]{1,3}") || Integer.parseInt(parts[1]) > bits) {
            throw new IllegalArgumentException("HUSH_WEBHOOKS_ALLOW: \"" + entry + "\" has an invalid prefix length "
                    + "(0 to " + bits + " for an IPv" + (bits == 32 ? 4 : 6) + " address)");
        }
        return new Cidr(address, Integer.parseInt(parts[1]));
    }

    private static String allowEntryName(String name, String entry) {
        String host = withoutTrailingDot(name);
        if (!isDnsName(host) || looksNumeric(host)) {
            throw new IllegalArgumentException("HUSH_WEBHOOKS_ALLOW: \"" + entry + "\" is not a CIDR, an IP address, "
                    + "a host name (letters, digits, hyphens; IDN as punycode) or *.domain");
        }
        return host;
    }

    private static Cidr cidr(String text) {
        return allowEntryCidr(text);
    }

    private static Rule rule(String cidr, String reason) {
        return new Rule(cidr(cidr), reason);
    }
}
