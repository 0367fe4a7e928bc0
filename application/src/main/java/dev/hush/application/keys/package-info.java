/** Key management use cases: root key rotation and migration between providers, project key rotation and re-encryption. */
package dev.hush.application.keys;
