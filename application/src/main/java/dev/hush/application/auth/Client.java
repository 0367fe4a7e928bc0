package dev.hush.application.auth;

import dev.hush.application.net.Cidr;

/** Who is calling, for throttles and the audit log: the client's address and user agent (either may be unknown). */
public record Client(String ip, String userAgent) {
    public static final Client UNKNOWN = new Client(null, null);

    /**
     * The address as throttles count it: an IPv4 address as it is, an IPv6 address by its /64 prefix (one
     * subscriber usually holds a whole /64, so counting single IPv6 addresses would let one client take
     * 2^64 turns); null when unknown.
     */
    public String throttleKey() {
        return throttleKey(ip);
    }

    public static String throttleKey(String ip) {
        if (ip == null || !ip.contains(":")) {
            return ip;
        }
        return Cidr.literal(ip)
                .map(a -> {
                    byte[] b = a.getAddress();
                    if (b.length != 16) {
                        return a.getHostAddress();
                    }
                    StringBuilder prefix = new StringBuilder();
                    for (int i = 0; i < 8; i += 2) {
                        prefix.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
                    }
                    return prefix + ":/64";
                })
                .orElse(ip);
    }
}
