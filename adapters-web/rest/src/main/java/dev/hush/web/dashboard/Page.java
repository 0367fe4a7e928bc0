package dev.hush.web.dashboard;

import java.util.List;

/**
 * What every page's layout shows: the title, the signed-in user (null on the public pages), their organizations
 * for the switcher, the session's form token (a plain form post carries it), an error to announce, and whether to
 * offer the platform admin's pages and the current organization's owner-and-admin pages (the pages themselves check).
 */
public record Page(String title, String user, List<String> orgs, String currentOrg, String formToken, String error, boolean admin,
                   boolean orgAdmin) {
    public Page {
        orgs = orgs == null ? List.of() : List.copyOf(orgs);
    }

    static Page anonymous(String title, String error) {
        return new Page(title, null, List.of(), null, "", error, false, false);
    }

    Page withError(String message) {
        return new Page(title, user, orgs, currentOrg, formToken, message, admin, orgAdmin);
    }
}
