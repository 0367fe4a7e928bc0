/**
 * An example third-party root-key plugin: a key derived from a passphrase file. It depends on the SPI
 * only and is loaded from {@code <data-dir>/plugins}; copy it to start a provider of your own.
 */
package dev.hush.kms.example;
