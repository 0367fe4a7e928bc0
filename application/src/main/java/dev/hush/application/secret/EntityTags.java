package dev.hush.application.secret;

import dev.hush.application.port.Projects;
import dev.hush.application.tenant.Tenancy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * Entity tags of pulls: {@code "<revision>-<digest>"}, the environment's revision (raised by every committed change,
 * on any node) and a digest of the environment, the query and the representation. Equal tags therefore mean the same
 * values in the same shape; a tag reveals nothing but how many changes the environment has seen.
 */
public final class EntityTags {
    private EntityTags() {}

    /** The tag of this pull, or {@code null} when the environment's revision is not tracked. */
    static String of(Tenancy.InEnv in, SecretQuery query, boolean preview, String variant) {
        if (in.revision() == Projects.Placement.UNTRACKED) {
            return null;
        }
        String described = in.env().id() + "|" + new TreeSet<>(query.tags()) + "|" + new TreeSet<>(query.keys()) + "|" + query.search() + "|"
                + query.paging().offset() + "|" + query.paging().limit() + "|" + preview + "|" + variant;
        return "\"" + in.revision() + "-" + digest(described) + "\"";
    }

    /** The first 8 bytes of SHA-256 of {@code text}, in hex. */
    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** {@code base} extended with what else the answer depends on ({@link ReferenceResolver.Session#dependencies}); {@code base} when nothing. */
    static String withDependencies(String base, String dependencies) {
        if (dependencies.isEmpty()) {
            return base;
        }
        return base.substring(0, base.length() - 1) + "." + digest(dependencies) + "\"";
    }

    /**
     * Whether an {@code If-None-Match} header names {@code etag}: a list of tags, weak ones compared weakly (RFC 9110
     * 13.1.2), or {@code *}.
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
