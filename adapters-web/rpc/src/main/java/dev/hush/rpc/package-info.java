/** The secrets API over gRPC (and the Connect protocol): hush/v1/secrets.proto, calling the application's use cases. */
package dev.hush.rpc;
