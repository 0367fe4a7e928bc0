/** The {@code local} root-key provider: a 256-bit key in a file of the data directory, AES-256-GCM from the JDK. */
package dev.hush.kms.local;
