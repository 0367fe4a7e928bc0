package dev.hush.domain.plan;

import dev.hush.domain.Rejection;

/** A countable thing a plan limits; {@link #wire()} is its name in the API. */
public enum Limit {
    PROJECTS("projects"),
    ENVIRONMENTS_PER_PROJECT("environmentsPerProject"),
    SECRETS_PER_PROJECT("secretsPerProject"),
    MEMBERS("members"),
    TOKENS("tokens"),
    WEBHOOKS("webhooks"),
    API_REQUESTS_PER_MONTH("apiRequestsPerMonth");

    private final String wire;

    Limit(String wire) { this.wire = wire; }

    public String wire() { return wire; }

    public static Limit parse(String field, String text) {
        for (Limit l : values()) {
            if (l.wire.equals(text)) {
                return l;
            }
        }
        throw Rejection.invalid(field, "unknown limit '" + text + "' (projects, environmentsPerProject, secretsPerProject, members, tokens, webhooks, apiRequestsPerMonth)");
    }
}
