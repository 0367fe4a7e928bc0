package dev.hush.kms.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.kms.v1.CryptoKey;
import com.google.cloud.kms.v1.CryptoKeyVersion;
import com.google.cloud.kms.v1.DecryptRequest;
import com.google.cloud.kms.v1.DecryptResponse;
import com.google.cloud.kms.v1.EncryptRequest;
import com.google.cloud.kms.v1.EncryptResponse;
import com.google.cloud.kms.v1.GetCryptoKeyRequest;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import com.google.cloud.kms.v1.ProtectionLevel;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.zip.CRC32C;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An in-process stand-in for Cloud KMS that serves the real wire methods {@code Encrypt}, {@code Decrypt}
 * and {@code GetCryptoKey} of {@code google.cloud.kms.v1.KeyManagementService}, so the official client
 * talks to it unchanged. The gRPC stubs are not on the class path; the service definition is built by
 * hand from the proto message classes.
 *
 * <p>It does real cryptography: each crypto key has versions of AES-256-GCM keys (JDK), the last created
 * being primary. Ciphertext: the version number (4 bytes, big-endian), a random 12-byte nonce, then the
 * AES-GCM ciphertext and 16-byte tag, with the request's {@code additional_authenticated_data} as
 * associated data. Like Google: a ciphertext that does not open, or a CRC32C mismatch, is
 * {@code INVALID_ARGUMENT}; an unknown key {@code NOT_FOUND}; a disabled version {@code FAILED_PRECONDITION};
 * {@code Encrypt} answers the version's resource name and verifies the request checksums.
 *
 * <p>Switches for tests and benchmarks: {@link #setUnavailable} (outage), {@link #setThrottled}
 * ({@code RESOURCE_EXHAUSTED}), {@link #failWith} (any status), {@link #setLatencyMillis} (delay before
 * every answer). {@link #calls()} counts the requests that reached it. Thread-safe.
 */
public final class FakeKeyManagementService implements AutoCloseable {
    public static final String SERVICE = "google.cloud.kms.v1.KeyManagementService";
    private static final int VERSION_BYTES = 4;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, List<Version>> keys = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private volatile boolean unavailable;
    private volatile boolean throttled;
    private volatile Status failure;
    private volatile long latencyMillis;
    private final Server server;
    private final ManagedChannel channel;
    private Server network;

    private record Version(int number, SecretKeySpec key, boolean enabled) {}

    private FakeKeyManagementService(String name) throws IOException {
        this.server = InProcessServerBuilder.forName(name).addService(definition()).build().start();
        this.channel = InProcessChannelBuilder.forName(name).build();
    }

    /** Starts a stand-in on a fresh in-process name. Close it when done. */
    public static FakeKeyManagementService start() {
        try {
            return new FakeKeyManagementService("fake-cloud-kms-" + InProcessServerBuilder.generateName());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the in-process server", e);
        }
    }

    /**
     * Also serves the stand-in on a local TCP port (plaintext gRPC), for a server configured with
     * {@code endpoint=127.0.0.1:<port>} and {@code emulator=true}; returns the port.
     */
    public synchronized int listenOnLocalPort() {
        try {
            network = io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.forAddress(new java.net.InetSocketAddress("127.0.0.1", 0))
                    .addService(definition()).build().start();
            return network.getPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen", e);
        }
    }

    /** The channel to this stand-in; owned by it (closed by {@link #close()}). */
    public ManagedChannel channel() { return channel; }

    /**
     * Client settings that reach this stand-in without credentials. Add {@link GcpKmsRootKey#withTimeouts}
     * or other call settings before {@code build()}.
     */
    public KeyManagementServiceSettings.Builder settingsBuilder() {
        return KeyManagementServiceSettings.newBuilder()
                .setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                .setCredentialsProvider(NoCredentialsProvider.create());
    }

    /** Creates a crypto key with a random version 1 and returns its name; fails if it exists. */
    public String createKey(String keyName) { return createKey(keyName, randomKey()); }

    /** Creates a crypto key whose version 1 has the given 32-byte AES key (for golden ciphertexts). */
    public String createKey(String keyName, byte[] version1) {
        List<Version> versions = new CopyOnWriteArrayList<>();
        versions.add(new Version(1, new SecretKeySpec(version1.clone(), "AES"), true));
        if (keys.putIfAbsent(Objects.requireNonNull(keyName), versions) != null) {
            throw new IllegalArgumentException("key exists: " + keyName);
        }
        return keyName;
    }

    /** Adds a version that becomes primary; older versions keep decrypting. Returns its number. */
    public synchronized int rotate(String keyName) {
        List<Version> versions = versionsOf(keyName);
        int number = versions.size() + 1;
        versions.add(new Version(number, new SecretKeySpec(randomKey(), "AES"), true));
        return number;
    }

    /** Disables or re-enables a version: using a disabled one is {@code FAILED_PRECONDITION}, as at Google. */
    public synchronized void setEnabled(String keyName, int version, boolean enabled) {
        List<Version> versions = versionsOf(keyName);
        Version v = versions.get(version - 1);
        versions.set(version - 1, new Version(v.number(), v.key(), enabled));
    }

    /** While true every call answers {@code UNAVAILABLE}: an outage. */
    public void setUnavailable(boolean unavailable) { this.unavailable = unavailable; }

    /** While true every call answers {@code RESOURCE_EXHAUSTED}: quota exceeded. */
    public void setThrottled(boolean throttled) { this.throttled = throttled; }

    /** Every call answers {@code status} (for example {@code PERMISSION_DENIED}) until set to null. */
    public void failWith(Status status) { this.failure = status; }

    /** Delay before every answer, in milliseconds (default 0), to imitate a remote KMS in benchmarks. */
    public void setLatencyMillis(long latencyMillis) { this.latencyMillis = latencyMillis; }

    /** Requests received so far, including refused ones. */
    public long calls() { return calls.get(); }

    @Override
    public void close() {
        if (network != null) {
            network.shutdownNow();
        }
        channel.shutdownNow();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(method("Encrypt", EncryptRequest.getDefaultInstance(), EncryptResponse.getDefaultInstance()),
                        ServerCalls.asyncUnaryCall((EncryptRequest r, StreamObserver<EncryptResponse> o) -> answer(r, o, this::encrypt)))
                .addMethod(method("Decrypt", DecryptRequest.getDefaultInstance(), DecryptResponse.getDefaultInstance()),
                        ServerCalls.asyncUnaryCall((DecryptRequest r, StreamObserver<DecryptResponse> o) -> answer(r, o, this::decrypt)))
                .addMethod(method("GetCryptoKey", GetCryptoKeyRequest.getDefaultInstance(), CryptoKey.getDefaultInstance()),
                        ServerCalls.asyncUnaryCall((GetCryptoKeyRequest r, StreamObserver<CryptoKey> o) -> answer(r, o, this::getCryptoKey)))
                .build();
    }

    private static <Q extends Message, A extends Message> MethodDescriptor<Q, A> method(String name, Q request, A response) {
        return MethodDescriptor.<Q, A>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(ProtoUtils.marshaller(request))
                .setResponseMarshaller(ProtoUtils.marshaller(response))
                .build();
    }

    private <Q, A> void answer(Q request, StreamObserver<A> observer, Function<Q, A> handler) {
        calls.incrementAndGet();
        try {
            long delay = latencyMillis;
            if (delay > 0) {
                Thread.sleep(delay);
            }
            Status forced = failure;
            if (forced != null) {
                throw forced.asRuntimeException();
            }
            if (unavailable) {
                throw Status.UNAVAILABLE.withDescription("fake Cloud KMS is down").asRuntimeException();
            }
            if (throttled) {
                throw Status.RESOURCE_EXHAUSTED.withDescription("fake Cloud KMS quota exceeded").asRuntimeException();
            }
            observer.onNext(handler.apply(request));
            observer.onCompleted();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            observer.onError(Status.CANCELLED.asRuntimeException());
        } catch (RuntimeException e) {
            observer.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
        }
    }

    private EncryptResponse encrypt(EncryptRequest request) {
        String name = request.getName();
        Version version;
        String keyName;
        int at = name.indexOf("/cryptoKeyVersions/");
        if (at >= 0) {
            keyName = name.substring(0, at);
            version = version(keyName, parseVersion(name.substring(at + "/cryptoKeyVersions/".length())));
        } else {
            keyName = name;
            List<Version> versions = versionsOf(keyName);
            version = versions.get(versions.size() - 1);
        }
        if (!version.enabled()) {
            throw Status.FAILED_PRECONDITION.withDescription(name + " is not enabled").asRuntimeException();
        }
        byte[] plaintext = request.getPlaintext().toByteArray();
        byte[] aad = request.getAdditionalAuthenticatedData().toByteArray();
        if (plaintext.length == 0 || plaintext.length > 64 * 1024) {
            throw Status.INVALID_ARGUMENT.withDescription("plaintext must be 1 to 65536 bytes").asRuntimeException();
        }
        checkCrc("plaintext_crc32c", request.hasPlaintextCrc32C(), request.getPlaintextCrc32C(), plaintext);
        checkCrc("additional_authenticated_data_crc32c", request.hasAdditionalAuthenticatedDataCrc32C(),
                request.getAdditionalAuthenticatedDataCrc32C(), aad);
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, version.key(), nonce, aad, plaintext, 0, plaintext.length);
        byte[] ciphertext = ByteBuffer.allocate(VERSION_BYTES + NONCE + sealed.length)
                .putInt(version.number()).put(nonce).put(sealed).array();
        return EncryptResponse.newBuilder()
                .setName(keyName + "/cryptoKeyVersions/" + version.number())
                .setCiphertext(ByteString.copyFrom(ciphertext))
                .setCiphertextCrc32C(Int64Value.of(crc32c(ciphertext)))
                .setVerifiedPlaintextCrc32C(request.hasPlaintextCrc32C())
                .setVerifiedAdditionalAuthenticatedDataCrc32C(request.hasAdditionalAuthenticatedDataCrc32C())
                .setProtectionLevel(ProtectionLevel.SOFTWARE)
                .build();
    }

    private DecryptResponse decrypt(DecryptRequest request) {
        List<Version> versions = versionsOf(request.getName());
        byte[] ciphertext = request.getCiphertext().toByteArray();
        byte[] aad = request.getAdditionalAuthenticatedData().toByteArray();
        checkCrc("ciphertext_crc32c", request.hasCiphertextCrc32C(), request.getCiphertextCrc32C(), ciphertext);
        checkCrc("additional_authenticated_data_crc32c", request.hasAdditionalAuthenticatedDataCrc32C(),
                request.getAdditionalAuthenticatedDataCrc32C(), aad);
        if (ciphertext.length < VERSION_BYTES + NONCE + TAG_BITS / 8) {
            throw undecryptable();
        }
        int number = ByteBuffer.wrap(ciphertext).getInt();
        if (number < 1 || number > versions.size()) {
            throw undecryptable();
        }
        Version version = versions.get(number - 1);
        if (!version.enabled()) {
            throw Status.FAILED_PRECONDITION.withDescription(request.getName() + "/cryptoKeyVersions/" + number
                    + " is not enabled").asRuntimeException();
        }
        byte[] nonce = java.util.Arrays.copyOfRange(ciphertext, VERSION_BYTES, VERSION_BYTES + NONCE);
        byte[] plaintext = gcm(Cipher.DECRYPT_MODE, version.key(), nonce, aad, ciphertext,
                VERSION_BYTES + NONCE, ciphertext.length - VERSION_BYTES - NONCE);
        return DecryptResponse.newBuilder()
                .setPlaintext(ByteString.copyFrom(plaintext))
                .setPlaintextCrc32C(Int64Value.of(crc32c(plaintext)))
                .setUsedPrimary(number == versions.size())
                .setProtectionLevel(ProtectionLevel.SOFTWARE)
                .build();
    }

    private CryptoKey getCryptoKey(GetCryptoKeyRequest request) {
        List<Version> versions = versionsOf(request.getName());
        Version primary = versions.get(versions.size() - 1);
        return CryptoKey.newBuilder()
                .setName(request.getName())
                .setPurpose(CryptoKey.CryptoKeyPurpose.ENCRYPT_DECRYPT)
                .setPrimary(CryptoKeyVersion.newBuilder()
                        .setName(request.getName() + "/cryptoKeyVersions/" + primary.number())
                        .setState(primary.enabled() ? CryptoKeyVersion.CryptoKeyVersionState.ENABLED
                                : CryptoKeyVersion.CryptoKeyVersionState.DISABLED)
                        .setProtectionLevel(ProtectionLevel.SOFTWARE)
                        .setAlgorithm(CryptoKeyVersion.CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION))
                .build();
    }

    private List<Version> versionsOf(String keyName) {
        List<Version> versions = keys.get(keyName);
        if (versions == null) {
            throw Status.NOT_FOUND.withDescription(keyName + " not found.").asRuntimeException();
        }
        return versions;
    }

    private Version version(String keyName, int number) {
        List<Version> versions = versionsOf(keyName);
        if (number < 1 || number > versions.size()) {
            throw Status.NOT_FOUND.withDescription(keyName + "/cryptoKeyVersions/" + number + " not found.").asRuntimeException();
        }
        return versions.get(number - 1);
    }

    private static int parseVersion(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw Status.INVALID_ARGUMENT.withDescription("bad crypto key version " + s).asRuntimeException();
        }
    }

    private static void checkCrc(String field, boolean present, Int64Value sent, byte[] data) {
        if (present && sent.getValue() != crc32c(data)) {
            throw Status.INVALID_ARGUMENT.withDescription("The checksum in field " + field
                    + " did not match the data.").asRuntimeException();
        }
    }

    private static byte[] gcm(int mode, SecretKeySpec key, byte[] nonce, byte[] aad, byte[] input, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException e) {
            if (mode == Cipher.DECRYPT_MODE) {
                throw undecryptable();
            }
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private static StatusRuntimeException undecryptable() {
        return Status.INVALID_ARGUMENT.withDescription("Decryption failed: the ciphertext is invalid.").asRuntimeException();
    }

    private static long crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return crc.getValue();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
