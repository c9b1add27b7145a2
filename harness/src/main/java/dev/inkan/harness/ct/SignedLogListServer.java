package dev.inkan.harness.ct;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Serves a CT log list as Google and Apple publish theirs: {@code /log_list.json} and beside it {@code /log_list.sig},
 * an RSASSA-PKCS1-v1_5 SHA-256 signature over the JSON's exact bytes by the list's own key, whose public half
 * ({@link #publicKeyPem()}) the CA is configured with. Bound to 127.0.0.1 on a free port. Knobs make it serve a
 * tampered list, a bad signature or errors, so a CA's refresh can be seen keeping its last good list.
 */
public final class SignedLogListServer {
    /** What the server answers. */
    public enum Mode { SIGNED, TAMPERED, BAD_SIGNATURE, UNAVAILABLE }

    private final KeyPair key;
    private final Supplier<byte[]> list;
    private final HttpServer server;
    private volatile Mode mode = Mode.SIGNED;

    private SignedLogListServer(KeyPair key, Supplier<byte[]> list, HttpServer server) {
        this.key = key;
        this.list = list;
        this.server = server;
    }

    /** @param list the JSON to serve, asked again for every request (a list that changes is a new list) */
    public static Future<SignedLogListServer> start(Vertx vertx, Supplier<byte[]> list) {
        KeyPair key;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            key = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            return Future.failedFuture(e);
        }
        HttpServer server = vertx.createHttpServer();
        SignedLogListServer s = new SignedLogListServer(key, list, server);
        server.requestHandler(req -> {
            Mode m = s.mode;
            if (m == Mode.UNAVAILABLE) {
                req.response().setStatusCode(503).end();
                return;
            }
            byte[] json = list.get();
            byte[] served = m == Mode.TAMPERED
                    ? new String(json, StandardCharsets.UTF_8).replace("\"usable\"", "\"retired\"").getBytes(StandardCharsets.UTF_8)
                    : json;
            switch (req.path()) {
                case "/log_list.json" -> req.response().putHeader("content-type", "application/json")
                        .end(Buffer.buffer(served));
                case "/log_list.sig" -> {
                    byte[] sig = s.sign(json);
                    if (m == Mode.BAD_SIGNATURE) {
                        sig[sig.length / 2] ^= 0x01;
                    }
                    req.response().putHeader("content-type", "application/octet-stream").end(Buffer.buffer(sig));
                }
                default -> req.response().setStatusCode(404).end();
            }
        });
        return server.listen(0, "127.0.0.1").map(s);
    }

    public String listUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/log_list.json";
    }

    public String signatureUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/log_list.sig";
    }

    /** The list-signing key's public half, PEM, as Google publishes log_list_pubkey.pem. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public void mode(Mode m) {
        mode = m;
    }

    public Future<Void> stop() {
        return server.close();
    }

    private byte[] sign(byte[] json) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key.getPrivate());
            s.update(json);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
