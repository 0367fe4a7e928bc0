/**
 * The root-key SPI: what a KMS plugin implements. Plain JDK, no framework. A provider is found with
 * {@link java.util.ServiceLoader} and only the one that configuration names is opened.
 *
 * @since 0.1
 */
package dev.hush.kms.spi;
