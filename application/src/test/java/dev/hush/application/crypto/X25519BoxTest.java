package dev.hush.application.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The Poliglot box against published vectors: RFC 7748 §6.1 (X25519), RFC 7693 / the BLAKE2 reference
 * (BLAKE2b-256, values checked with Python's hashlib), draft-irtf-cfrg-xchacha-03 §A.3.1
 * (XChaCha20-Poly1305). The cross-check with libsodium itself runs over HTTP in PoliglotApiTest.
 */
class X25519BoxTest {
    static final HexFormat HEX = HexFormat.of();

    // RFC 7748, section 6.1
    static final byte[] ALICE_PRIVATE = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    static final byte[] ALICE_PUBLIC = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    static final byte[] BOB_PRIVATE = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    static final byte[] BOB_PUBLIC = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    static final String SHARED_SECRET = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    // python3 -c "import hashlib; print(hashlib.blake2b(bytes.fromhex('4a5d...1742'), digest_size=32).hexdigest())"
    static final String BLAKE2B_256_OF_SHARED = "bb16f461d45d47c32a89c90de36d7c7902b314364611d6e4a58247162ec9d4d9";

    @Test
    void sharedKey_isBlake2b256OfTheRfc7748SharedSecret_fromEitherSide() {
        assertThat(HEX.formatHex(X25519Box.blake2b256(HEX.parseHex(SHARED_SECRET)))).isEqualTo(BLAKE2B_256_OF_SHARED);
        assertThat(HEX.formatHex(X25519Box.sharedKey(ALICE_PRIVATE, BOB_PUBLIC).orElseThrow())).isEqualTo(BLAKE2B_256_OF_SHARED);
        assertThat(HEX.formatHex(X25519Box.sharedKey(BOB_PRIVATE, ALICE_PUBLIC).orElseThrow())).isEqualTo(BLAKE2B_256_OF_SHARED);
    }

    @Test
    void blake2b256_matchesKnownAnswers() {
        assertThat(HEX.formatHex(X25519Box.blake2b256(new byte[0])))
                .isEqualTo("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
        assertThat(HEX.formatHex(X25519Box.blake2b256("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    }

    @Test
    void xchacha20Poly1305_matchesTheDraftVector_andOpensIt() {
        byte[] key = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = HEX.parseHex("404142434445464748494a4b4c4d4e4f5051525354555657");
        byte[] aad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] plaintext = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, "
                + "sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        String expected = "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
                + "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
                + "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
                + "21f9664c97637da9768812f615c68b13b52e" + "c0875924c1c7987947deafd8780acf49";
        assertThat(HEX.formatHex(X25519Box.seal(key, nonce, aad, plaintext))).isEqualTo(expected);
        assertThat(X25519Box.open(key, nonce, aad, HEX.parseHex(expected))).hasValueSatisfying(p -> assertThat(p).isEqualTo(plaintext));
        // Poliglot's box uses no associated data: the vector's ciphertext does not open without it.
        assertThat(X25519Box.open(key, nonce, HEX.parseHex(expected))).isEmpty();
    }

    @Test
    void box_roundTrips_andRefusesEveryTamperedByte() {
        X25519Box.KeyPair server = X25519Box.generate();
        X25519Box.KeyPair client = X25519Box.generate();
        byte[] clientKey = X25519Box.sharedKey(client.privateKey(), server.publicKey()).orElseThrow();
        byte[] serverKey = X25519Box.sharedKey(server.privateKey(), client.publicKey()).orElseThrow();
        assertThat(serverKey).isEqualTo(clientKey);
        byte[] value = "postgres://user:pw@db/app".getBytes(StandardCharsets.UTF_8);
        X25519Box.Sealed sealed = X25519Box.seal(clientKey, value);
        assertThat(sealed.nonce()).hasSize(24);
        assertThat(sealed.ciphertext()).hasSize(value.length + 16);
        assertThat(X25519Box.open(serverKey, sealed.nonce(), sealed.ciphertext())).hasValueSatisfying(p -> assertThat(p).isEqualTo(value));
        for (int i = 0; i < sealed.ciphertext().length; i++) {
            byte[] bad = sealed.ciphertext().clone();
            bad[i] ^= 1;
            assertThat(X25519Box.open(serverKey, sealed.nonce(), bad)).as("flipped byte %d", i).isEmpty();
        }
        byte[] badNonce = sealed.nonce().clone();
        badNonce[0] ^= 1;
        assertThat(X25519Box.open(serverKey, badNonce, sealed.ciphertext())).isEmpty();
        assertThat(X25519Box.open(serverKey, new byte[12], sealed.ciphertext())).isEmpty();
        assertThat(X25519Box.open(serverKey, sealed.nonce(), new byte[5])).isEmpty();
    }

    @Test
    void lowOrderOrMalformedPeerKeys_giveNoSharedKey() {
        X25519Box.KeyPair server = X25519Box.generate();
        assertThat(X25519Box.sharedKey(server.privateKey(), new byte[32])).isEmpty(); // the all-zero point
        byte[] one = new byte[32];
        one[0] = 1;
        assertThat(X25519Box.sharedKey(server.privateKey(), one)).isEmpty(); // order 1
        assertThat(X25519Box.sharedKey(server.privateKey(), new byte[31])).isEmpty();
    }
}
