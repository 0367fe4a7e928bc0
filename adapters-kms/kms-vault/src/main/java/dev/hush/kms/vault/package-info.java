/** The {@code vault} root-key provider: HashiCorp Vault's Transit engine (or OpenBao), through vault-java-driver. */
package dev.hush.kms.vault;
