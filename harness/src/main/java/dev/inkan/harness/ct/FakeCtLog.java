package dev.inkan.harness.ct;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * A Certificate Transparency log that keeps its entries in memory: RFC 6962 §4 {@code add-chain},
 * {@code add-pre-chain}, {@code get-sth}, {@code get-entries} and {@code get-roots}, with its own P-256 key, so
 * that the SCTs it returns verify. A static-ct-api flavour adds the 8-byte leaf_index extension to its SCTs
 * (c2sp.org/static-ct-api). {@link LogKnobs} make it slow, flaky or picky.
 */
public final class FakeCtLog {
    private static final ASN1ObjectIdentifier POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");

    private final Vertx vertx;
    private final String description;
    private final String operator;
    private final boolean staticCt;
    private final Clock clock;
    private final KeyPair key;
    /**
     * The private key as Bouncy Castle's ECDSA signs with it: the sandbox's logs run inside the CA's process, and
     * this signs an SCT in about 70 µs where the JDK's SunEC took about 450 µs (docs/performance.md).
     */
    private final AsymmetricKeyParameter signingKey;
    private final SecureRandom random = new SecureRandom();
    private final byte[] logId;
    private final LogKnobs knobs = new LogKnobs();
    private final List<FakeLogEntry> entries = new ArrayList<>();
    private final Map<String, byte[]> roots = new LinkedHashMap<>();
    private HttpServer server;

    private FakeCtLog(Vertx vertx, String description, String operator, boolean staticCt, Clock clock) {
        this.vertx = vertx;
        this.description = description;
        this.operator = operator;
        this.staticCt = staticCt;
        this.clock = clock;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            this.key = g.generateKeyPair();
            this.signingKey = PrivateKeyFactory.createKey(key.getPrivate().getEncoded());
            this.logId = MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param staticCt answer like a static-ct-api log: SCTs carry a leaf_index extension
     * @param port     0 for a free one
     */
    public static Future<FakeCtLog> start(Vertx vertx, String description, String operator, boolean staticCt,
            String host, int port, Clock clock) {
        FakeCtLog log = new FakeCtLog(vertx, description, operator, staticCt, clock);
        return vertx.createHttpServer().requestHandler(log.router()).listen(port, host).map(s -> {
            log.server = s;
            return log;
        });
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    public String description() {
        return description;
    }

    public String operator() {
        return operator;
    }

    public boolean isStaticCt() {
        return staticCt;
    }

    /** The RFC 6962 base URL, ending in "/". */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/";
    }

    public byte[] logId() {
        return logId.clone();
    }

    /** DER SubjectPublicKeyInfo of the log key. */
    public byte[] publicKeyDer() {
        return key.getPublic().getEncoded();
    }

    public LogKnobs knobs() {
        return knobs;
    }

    public synchronized List<FakeLogEntry> entries() {
        return List.copyOf(entries);
    }

    private Router router() {
        Router r = Router.router(vertx);
        r.route().handler(BodyHandler.create().setBodyLimit(1 << 20));
        r.post("/ct/v1/add-chain").handler(ctx -> delayed(ctx, () -> add(ctx, false)));
        r.post("/ct/v1/add-pre-chain").handler(ctx -> delayed(ctx, () -> add(ctx, true)));
        r.get("/ct/v1/get-sth").handler(this::sth);
        r.get("/ct/v1/get-entries").handler(this::getEntries);
        r.get("/ct/v1/get-roots").handler(this::getRoots);
        r.get("/knobs").handler(ctx -> json(ctx, 200, knobs.toJson()));
        r.post("/knobs").handler(ctx -> {
            try {
                knobs.apply(ctx.body().asJsonObject());
                json(ctx, 200, knobs.toJson());
            } catch (RuntimeException e) {
                json(ctx, 400, new JsonObject().put("error", String.valueOf(e.getMessage())));
            }
        });
        return r;
    }

    private void delayed(RoutingContext ctx, Runnable then) {
        long ms = knobs.latencyMillis();
        if (ms == 0) {
            then.run();
        } else {
            vertx.setTimer(ms, id -> then.run());
        }
    }

    private void add(RoutingContext ctx, boolean precert) {
        if (ThreadLocalRandom.current().nextDouble() < knobs.failureRate()) {
            json(ctx, 503, new JsonObject().put("error", "the log is unavailable (failureRate knob)"));
            return;
        }
        List<byte[]> chain;
        try {
            chain = new ArrayList<>();
            for (Object c : ctx.body().asJsonObject().getJsonArray("chain")) {
                chain.add(Base64.getDecoder().decode((String) c));
            }
        } catch (RuntimeException e) {
            json(ctx, 400, new JsonObject().put("error", "the body must be {\"chain\": [base64 DER, ...]}"));
            return;
        }
        vertx.<JsonObject>executeBlocking(() -> accept(chain, precert), false).onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, 200, ar.result());
            } else {
                json(ctx, 400, new JsonObject().put("error", String.valueOf(ar.cause().getMessage())));
            }
        });
    }

    /** Checks the chain, logs the entry and returns the SCT's JSON (RFC 6962 §4.1). */
    private JsonObject accept(List<byte[]> chain, boolean precert) throws Exception {
        if (chain.size() < 2) {
            throw new IllegalArgumentException("the chain must hold the certificate and its issuer");
        }
        X509CertificateHolder leaf = new X509CertificateHolder(chain.get(0));
        X509CertificateHolder issuer = new X509CertificateHolder(chain.get(1));
        String issuerSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chain.get(1)));
        if (issuerSha256.equals(knobs.rejectIssuerSha256())) {
            throw new IllegalArgumentException("this log does not accept the issuer " + issuerSha256);
        }
        if (!signedBy(leaf, issuer)) {
            throw new IllegalArgumentException("the certificate is not signed by the next one in the chain");
        }
        boolean poisoned = leaf.getExtension(POISON) != null;
        if (poisoned != precert) {
            throw new IllegalArgumentException(precert ? "add-pre-chain needs a precertificate (with the poison)"
                    : "add-chain takes no precertificate");
        }
        long timestamp = clock.millis() + knobs.timestampSkewMillis();
        byte[] signedEntry = precert ? precertEntry(leaf, issuer) : x509Entry(chain.get(0));
        synchronized (this) {
            byte[] extensions = staticCt ? leafIndexExtension(entries.size()) : new byte[0];
            byte[] digitallySigned = sign(timestampedEntry(timestamp, precert, signedEntry, extensions));
            ByteArrayOutputStream sct = new ByteArrayOutputStream();
            sct.write(0);
            sct.writeBytes(logId);
            Tls.uint(sct, timestamp, 8);
            Tls.vector(sct, extensions, 2);
            sct.writeBytes(digitallySigned);
            entries.add(new FakeLogEntry(precert, chain.get(0), List.copyOf(chain.subList(1, chain.size())),
                    timestampedEntry(timestamp, precert, signedEntry, extensions), sct.toByteArray()));
            roots.putIfAbsent(issuerSha256, chain.get(chain.size() - 1));
            byte[] returned = digitallySigned;
            if (knobs.badSignature()) {
                // the log keeps the entry, but the signature handed out no longer verifies
                returned = digitallySigned.clone();
                returned[returned.length - 1] ^= 0x01;
            }
            return new JsonObject().put("sct_version", 0).put("id", b64(logId)).put("timestamp", timestamp)
                    .put("extensions", b64(extensions)).put("signature", b64(returned));
        }
    }

    /**
     * One verification with the issuer's key: Bouncy Castle's JcaContentVerifierProviderBuilder also runs a second,
     * raw one whose result it ignores, and these logs run inside the sandbox CA's process.
     */
    private static boolean signedBy(X509CertificateHolder leaf, X509CertificateHolder issuer) throws Exception {
        PublicKey key = new JcaX509CertificateConverter().getCertificate(issuer).getPublicKey();
        Signature s = Signature.getInstance(new DefaultAlgorithmNameFinder().getAlgorithmName(leaf.getSignatureAlgorithm()));
        s.initVerify(key);
        s.update(leaf.toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER));
        return s.verify(leaf.getSignature());
    }

    /** PreCert: SHA-256 of the issuer's SPKI, then the TBS without the poison, 24-bit length. */
    private static byte[] precertEntry(X509CertificateHolder precert, X509CertificateHolder issuer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MessageDigest.getInstance("SHA-256").digest(issuer.getSubjectPublicKeyInfo().getEncoded()));
        Tls.vector(out, withoutPoison(precert.toASN1Structure().getTBSCertificate()).getEncoded("DER"), 3);
        return out.toByteArray();
    }

    private static byte[] x509Entry(byte[] der) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tls.vector(out, der, 3);
        return out.toByteArray();
    }

    private static TBSCertificate withoutPoison(TBSCertificate tbs) {
        Extensions ext = tbs.getExtensions();
        ASN1EncodableVector kept = new ASN1EncodableVector();
        for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
            if (!oid.equals(POISON)) {
                kept.add(ext.getExtension(oid));
            }
        }
        ASN1EncodableVector fields = new ASN1EncodableVector();
        for (ASN1Encodable f : ASN1Sequence.getInstance(tbs.toASN1Primitive())) {
            boolean extensions = f instanceof ASN1TaggedObject t && t.getTagNo() == 3;
            if (!extensions) {
                fields.add(f);
            } else if (kept.size() > 0) {
                // RFC 5280 §4.1: Extensions is SIZE (1..MAX); with the poison alone nothing is left
                fields.add(new DERTaggedObject(true, 3, new DERSequence(kept)));
            }
        }
        return TBSCertificate.getInstance(new DERSequence(fields));
    }

    /** c2sp static-ct-api: extension type 0 (leaf_index), 2-byte length 5, 40-bit big-endian index. */
    private static byte[] leafIndexExtension(long index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        Tls.uint(out, 5, 2);
        Tls.uint(out, index, 5);
        return out.toByteArray();
    }

    /**
     * RFC 6962 §3.2 (what the SCT signature covers) and §3.4 (the MerkleTreeLeaf) encode alike: version v1 (0),
     * then signature_type certificate_timestamp (0) or leaf_type timestamped_entry (0), then the timestamp,
     * the entry type, the entry and the extensions.
     */
    private static byte[] timestampedEntry(long timestamp, boolean precert, byte[] signedEntry, byte[] extensions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        Tls.uint(out, timestamp, 8);
        Tls.uint(out, precert ? 1 : 0, 2);
        out.writeBytes(signedEntry);
        Tls.vector(out, extensions, 2);
        return out.toByteArray();
    }

    /** TLS DigitallySigned: sha256 (4), ecdsa (3), 2-byte length, DER signature. */
    private byte[] sign(byte[] input) {
        DSADigestSigner s = new DSADigestSigner(new ECDSASigner(), new SHA256Digest());
        s.init(true, new ParametersWithRandom(signingKey, random));
        s.update(input, 0, input.length);
        byte[] sig = s.generateSignature(); // DER ECDSA-Sig-Value, as SHA256withECDSA gives
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(4);
        out.write(3);
        Tls.vector(out, sig, 2);
        return out.toByteArray();
    }

    private void sth(RoutingContext ctx) {
        vertx.<JsonObject>executeBlocking(() -> {
            List<byte[]> leaves;
            synchronized (this) {
                leaves = entries.stream().map(FakeLogEntry::leafInput).toList();
            }
            long timestamp = clock.millis() + knobs.timestampSkewMillis();
            byte[] root = MerkleTree.rootHash(leaves);
            ByteArrayOutputStream tbs = new ByteArrayOutputStream();
            tbs.write(0);
            tbs.write(1); // signature_type tree_hash (RFC 6962 §3.5)
            Tls.uint(tbs, timestamp, 8);
            Tls.uint(tbs, leaves.size(), 8);
            tbs.writeBytes(root);
            return new JsonObject().put("tree_size", leaves.size()).put("timestamp", timestamp)
                    .put("sha256_root_hash", b64(root)).put("tree_head_signature", b64(sign(tbs.toByteArray())));
        }, false).onComplete(ar -> json(ctx, ar.succeeded() ? 200 : 500,
                ar.succeeded() ? ar.result() : new JsonObject().put("error", String.valueOf(ar.cause()))));
    }

    private void getEntries(RoutingContext ctx) {
        int start;
        int end;
        try {
            start = Integer.parseInt(ctx.request().getParam("start"));
            end = Integer.parseInt(ctx.request().getParam("end"));
        } catch (RuntimeException e) {
            json(ctx, 400, new JsonObject().put("error", "start and end are required integers"));
            return;
        }
        JsonArray out = new JsonArray();
        synchronized (this) {
            if (start < 0 || end < start || start >= entries.size()) {
                json(ctx, 400, new JsonObject().put("error", "start and end must name logged entries"));
                return;
            }
            for (int i = start; i <= Math.min(end, entries.size() - 1); i++) {
                FakeLogEntry e = entries.get(i);
                out.add(new JsonObject().put("leaf_input", b64(e.leafInput())).put("extra_data", b64(extraData(e))));
            }
        }
        json(ctx, 200, new JsonObject().put("entries", out));
    }

    /** RFC 6962 §4.6: the chain (x509) or the precertificate and its chain (precert). */
    private static byte[] extraData(FakeLogEntry e) {
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        e.chain().forEach(c -> Tls.vector(chain, c, 3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (e.precertificate()) {
            Tls.vector(out, e.certificateDer(), 3);
        }
        Tls.vector(out, chain.toByteArray(), 3);
        return out.toByteArray();
    }

    private synchronized void getRoots(RoutingContext ctx) {
        JsonArray certs = new JsonArray();
        roots.values().forEach(r -> certs.add(b64(r)));
        json(ctx, 200, new JsonObject().put("certificates", certs));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
