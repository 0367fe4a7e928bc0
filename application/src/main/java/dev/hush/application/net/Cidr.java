package dev.hush.application.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network: the address bytes and the prefix length. */
public record Cidr(byte[] network, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int mask = (0xff << (8 - prefix % 8)) & 0xff;
        return prefix % 8 == 0 || (address[whole] & mask) == (network[whole] & mask);
    }

    public boolean contains(InetAddress address) { return contains(address.getAddress()); }

    /**
     * An IP address literal (dotted-decimal IPv4, or IPv6 with a colon, optionally in brackets) as bytes; never
     * a DNS lookup, and nothing for anything else (names, odd IPv4 notations, zone ids).
     */
    public static Optional<InetAddress> literal(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = IPV4.matcher(t).matches();
        if (!v4 && !(t.contains(":") && IPV6.matcher(t).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t)); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * A comma-separated list of CIDRs or single addresses, such as {@code 10.0.0.0/8, fd00::/8, 192.0.2.7};
     * {@code setting} names the configuration key in the error for a bad entry.
     */
    public static List<Cidr> parseList(String text, String setting) {
        List<Cidr> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String raw : text.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split("/", -1);
            Optional<InetAddress> address = parts.length > 2 ? Optional.empty() : literal(parts[0]);
            int bits = address.map(a -> a.getAddress().length * 8).orElse(0);
            int prefix = bits;
            if (address.isPresent() && parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
            }
            if (address.isEmpty() || prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(setting + ": \"" + entry + "\" is not a CIDR (like 10.0.0.0/8 or fd00::/8) or an IP address");
            }
            out.add(new Cidr(address.get().getAddress(), prefix));
        }
        return out;
    }
}
