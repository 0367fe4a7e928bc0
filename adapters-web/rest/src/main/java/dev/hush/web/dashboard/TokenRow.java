package dev.hush.web.dashboard;

/** An API token as the tokens page lists it: what it may reach, and when it was made, last used and ends; never the token. */
public record TokenRow(String id, String name, String scope, String created, String lastUsed, String expires) {}
