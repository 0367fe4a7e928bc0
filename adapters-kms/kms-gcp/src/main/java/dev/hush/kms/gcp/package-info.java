/** The {@code gcp} root-key provider: a symmetric Google Cloud KMS crypto key, called through the official gRPC client. */
package dev.hush.kms.gcp;
