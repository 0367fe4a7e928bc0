/**
 * The KMS host: finds root-key providers ({@code ServiceLoader}, the classpath and {@code <data-dir>/plugins}),
 * validates and opens the configured one ({@link dev.hush.kms.host.RootKeyProviders}), refuses a root key
 * that did not wrap the stored keys ({@link dev.hush.kms.host.RootKeyCheck}), and serves the application's
 * {@code RootKeys} port on it ({@link dev.hush.kms.host.SpiRootKeys}). Plain Java: the server passes its
 * settings in as a lookup function.
 */
package dev.hush.kms.host;
