/**
 * The contract test kit for root-key providers: extend {@link RootKeyContract} in a
 * provider's tests. Every provider in the repository and the example plugin run it.
 *
 * @since 0.1
 */
package dev.hush.kms.tck;
