/** Accounts, sessions and API tokens: registering, logging in, authenticating a request. */
package dev.hush.application.auth;
