/** The {@code aws} root-key provider: an AWS KMS symmetric key, through the AWS SDK for Java v2. */
package dev.hush.kms.aws;
