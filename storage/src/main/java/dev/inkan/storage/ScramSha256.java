package dev.inkan.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as MongoDB speaks it: the client-first message comes in
 * {@code saslStart}, the client-final in {@code saslContinue}. The server keeps only the salted keys, never the
 * password, and compares the proof in constant time.
 */
final class ScramSha256 {
    /** MongoDB's default for SCRAM-SHA-256; its drivers refuse fewer than 4096. */
    static final int ITERATIONS = 15000;
    static final String MECHANISM = "SCRAM-SHA-256";
    private static final int NONCE_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the server stores for its one user (RFC 5802 §3: StoredKey, ServerKey, salt, iteration count). */
    record Verifier(String user, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        static Verifier of(StoreCredential credential) {
            byte[] salt = new byte[28];
            RANDOM.nextBytes(salt);
            byte[] salted = hi(credential.password(), salt, ITERATIONS);
            byte[] clientKey = hmac(salted, "Client Key");
            return new Verifier(credential.user(), salt, ITERATIONS, sha256(clientKey), hmac(salted, "Server Key"));
        }
    }

    /** Refusals of a conversation; the server answers every one alike, as AuthenticationFailed. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private final Verifier verifier;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private boolean done;

    ScramSha256(Verifier verifier) {
        this.verifier = verifier;
    }

    /** Answers the client-first message with the server-first message. */
    String first(String clientFirst) {
        if (serverFirst != null) {
            throw new Failure("the conversation has already started");
        }
        // gs2-header: "n,," or "y,,"; channel binding ("p=") and an authorization identity are not supported
        if (!(clientFirst.startsWith("n,,") || clientFirst.startsWith("y,,"))) {
            throw new Failure("unsupported GS2 header");
        }
        gs2Header = clientFirst.substring(0, 3);
        clientFirstBare = clientFirst.substring(3);
        String user = null;
        String clientNonce = null;
        for (String attribute : clientFirstBare.split(",")) {
            if (attribute.startsWith("n=")) {
                user = attribute.substring(2).replace("=2C", ",").replace("=3D", "=");
            } else if (attribute.startsWith("r=")) {
                clientNonce = attribute.substring(2);
            } else if (attribute.startsWith("m=")) {
                throw new Failure("mandatory extension not supported");
            }
        }
        if (user == null || clientNonce == null || clientNonce.isEmpty()) {
            throw new Failure("malformed client-first message");
        }
        if (!user.equals(verifier.user())) {
            throw new Failure("unknown user");
        }
        byte[] serverNonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(serverNonce);
        nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt())
                + ",i=" + verifier.iterations();
        return serverFirst;
    }

    /** Checks the client's proof and answers with the server signature (RFC 5802 §3). */
    String last(String clientFinal) {
        if (serverFirst == null || done) {
            throw new Failure("no conversation to continue");
        }
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new Failure("client-final message without a proof");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        String channelBinding = null;
        String echoedNonce = null;
        for (String attribute : withoutProof.split(",")) {
            if (attribute.startsWith("c=")) {
                channelBinding = attribute.substring(2);
            } else if (attribute.startsWith("r=")) {
                echoedNonce = attribute.substring(2);
            }
        }
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!expectedBinding.equals(channelBinding) || !nonce.equals(echoedNonce)) {
            throw new Failure("channel binding or nonce mismatch");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new Failure("malformed proof");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = hmac(verifier.storedKey(), authMessage);
        if (proof.length != clientSignature.length) {
            throw new Failure("malformed proof");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(sha256(clientKey), verifier.storedKey())) {
            throw new Failure("wrong proof");
        }
        done = true;
        return "v=" + Base64.getEncoder().encodeToString(hmac(verifier.serverKey(), authMessage));
    }

    boolean done() {
        return done;
    }

    String user() {
        return verifier.user();
    }

    static byte[] hi(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
