/**
 * Envelope encryption, written once: the root key wraps organization key-encryption keys, which wrap
 * versioned project data keys, which encrypt values with AES-256-GCM (JDK provider).
 */
package dev.hush.application.crypto;
