package dev.hush.domain.access;

import dev.hush.domain.Rejection;
import dev.hush.domain.tenant.ReadLevel;
import java.util.Locale;

/** A member's role in one organization (the role matrix of the API contract). */
public enum Role {
    OWNER(ReadLevel.PROD), ADMIN(ReadLevel.PROD), DEVELOPER(ReadLevel.STAGING), VIEWER(ReadLevel.DEV);

    private final ReadLevel maxRead;

    Role(ReadLevel maxRead) { this.maxRead = maxRead; }

    /** Whether this role may read values of an environment with the given level. */
    public boolean canRead(ReadLevel level) { return level.compareTo(maxRead) <= 0; }

    /** Write and promote secrets. */
    public boolean canWriteSecrets() { return this != VIEWER; }

    /** Create projects, manage templates and members, bulk-delete secrets, read the audit log. */
    public boolean canAdminister() { return this == OWNER || this == ADMIN; }

    /** Delete projects and organizations, change roles. */
    public boolean isOwner() { return this == OWNER; }

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static Role parse(String field, String text) {
        for (Role role : values()) {
            if (role.wire().equals(text)) {
                return role;
            }
        }
        throw Rejection.invalid(field, "must be one of owner, admin, developer, viewer");
    }
}
