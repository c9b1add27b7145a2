package dev.inkan.app;

import dev.inkan.acme.jws.AccountKey;
import dev.inkan.acme.jws.FlattenedJws;
import dev.inkan.ca.lint.PreSignLinter;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.policy.SubscriberKeyRules;
import dev.inkan.ct.CtLog;
import dev.inkan.ct.LogState;
import dev.inkan.ct.SctVerifier;
import dev.inkan.ct.SignedCertificateTimestamp;
import dev.inkan.ct.LogEntry;
import dev.inkan.ra.policy.CsrPolicy;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;

/**
 * CPU time per signature operation of an issuance, the way it was done before and the way it is done now, on this
 * machine (thread CPU time after warm-up, best of three rounds). Numbers only; nothing is asserted. Run after
 * {@code mvn -B -q -DskipTests install}:
 *
 * <pre>java -cp app/target/inkan.jar:app/target/test-classes dev.inkan.app.SignatureCosts [rounds]</pre>
 */
public final class SignatureCosts {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private interface Operation {
        void run() throws Exception;
    }

    private SignatureCosts() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        BouncyCastleProvider bc = new BouncyCastleProvider();
        KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC");
        p256.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);

        // JWS ES256 (RFC 8555 §6.2), the account key as the account-key cache keeps it
        PublicJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        AccountKey account = AccountKey.fromStored(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        JsonWebSignature signing = new JsonWebSignature();
        signing.setAlgorithmHeaderValue("ES256");
        signing.getHeaders().setObjectHeaderValue("url", "https://ca.example/acme/order/1");
        signing.getHeaders().setObjectHeaderValue("nonce", "abc");
        signing.setPayload("");
        signing.setKey(jwk.getPrivateKey());
        String[] parts = signing.getCompactSerialization().split("\\.", -1);
        FlattenedJws jws = FlattenedJws.parse(new JsonObject().put("protected", parts[0]).put("payload", parts[1])
                .put("signature", parts[2]));
        measure("JWS ES256: jose4j with SunEC", n, () -> {
            JsonWebSignature v = new JsonWebSignature();
            v.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256"));
            v.setCompactSerialization(String.join(".", parts));
            v.setKey(jwk.getPublicKey());
            check(v.verifySignature());
        });
        measure("JWS ES256: Bouncy Castle, the JDK's key (before)", n,
                () -> check(jws.verifies(account.publicKey(), "ES256", true)));
        measure("JWS ES256: Bouncy Castle, its own key kept (now)", n,
                () -> check(jws.verifies(account.verificationKey(), "ES256", true)));

        // SCT signature of a P-256 log (RFC 6962 §3.2)
        KeyPair log = p256.generateKeyPair();
        byte[] certificate = new byte[1200];
        new SecureRandom().nextBytes(certificate);
        long timestamp = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
        byte[] input = sctInput(timestamp, certificate);
        Signature sunEc = Signature.getInstance("SHA256withECDSA");
        sunEc.initSign(log.getPrivate());
        sunEc.update(input);
        byte[] sctSignature = sunEc.sign();
        ByteArrayOutputStream ds = new ByteArrayOutputStream();
        ds.writeBytes(new byte[] {4, 3, (byte) (sctSignature.length >> 8), (byte) sctSignature.length});
        ds.writeBytes(sctSignature);
        byte[] logId = MessageDigest.getInstance("SHA-256").digest(log.getPublic().getEncoded());
        SignedCertificateTimestamp sct = new SignedCertificateTimestamp(0, logId, timestamp, new byte[0], ds.toByteArray());
        CtLog ctLog = new CtLog("log", "operator", logId, log.getPublic(), "http://127.0.0.1:1/", LogState.USABLE, null,
                null, false);
        LogEntry entry = LogEntry.certificate(certificate);
        SctVerifier sctVerifier = new SctVerifier(Clock.systemUTC());
        measure("SCT verify: SunEC (before)", n, () -> {
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(log.getPublic());
            v.update(input);
            check(v.verify(sctSignature));
        });
        measure("SCT verify: SctVerifier, the log's key kept (now)", n,
                () -> check(sctVerifier.problem(sct, ctLog, entry).isEmpty()));

        // the sandbox's fake CT log signing an SCT
        AsymmetricKeyParameter logPrivate = PrivateKeyFactory.createKey(log.getPrivate().getEncoded());
        SecureRandom random = new SecureRandom();
        measure("SCT sign: SunEC (before)", n, () -> {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(log.getPrivate());
            s.update(input);
            s.sign();
        });
        measure("SCT sign: Bouncy Castle ECDSA (now)", n, () -> {
            DSADigestSigner s = new DSADigestSigner(new ECDSASigner(), new SHA256Digest());
            s.init(true, new ParametersWithRandom(logPrivate, random));
            s.update(input, 0, input.length);
            s.generateSignature();
        });

        // CSR proof of possession (RFC 8555 §7.4), a fresh P-256 key per CSR as clients make them
        KeyPair subscriber = p256.generateKeyPair();
        byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=www.example.jp"), subscriber.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(subscriber.getPrivate())).getEncoded();
        CsrPolicy csrPolicy = new CsrPolicy(SubscriberKeyRules.standard());
        measure("CSR signature: JcaContentVerifierProviderBuilder, BC (before)", n, () -> {
            PKCS10CertificationRequest c = new PKCS10CertificationRequest(csr);
            check(c.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(bc)
                    .build(c.getSubjectPublicKeyInfo())));
        });
        measure("CSR signature: Bouncy Castle's ECDSA verifier (now)", n, () -> {
            PKCS10CertificationRequest c = new PKCS10CertificationRequest(csr);
            check(c.isSignatureValid(new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                    .build(PublicKeyFactory.createKey(c.getSubjectPublicKeyInfo()))));
        });
        measure("CSR: CsrPolicy.check, all of it (now)", n,
                () -> csrPolicy.check(csr, List.of(Identifier.dns("www.example.jp"))));

        // the pre-sign lint of an RSA-signed TBS (BR 4.3.1.2)
        KeyPair ca = rsa.generateKeyPair();
        X509CertificateHolder leaf = new JcaX509v3CertificateBuilder(new X500Name("CN=Test CA"), BigInteger.TEN,
                Date.from(Instant.parse("2026-12-01T00:00:00Z")), Date.from(Instant.parse("2027-02-01T00:00:00Z")),
                new X500Name("CN=www.example.jp"), subscriber.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivate()));
        TBSCertificate tbs = leaf.toASN1Structure().getTBSCertificate();
        byte[] tbsDer = tbs.getEncoded("DER");
        PreSignLinter linter = PreSignLinter.subscriber();
        measure("lint: the RSA-2048 throwaway signature per TBS (before, that part alone)", n / 10, () -> {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(ca.getPrivate());
            s.update(tbsDer);
            s.sign();
        });
        measure("lint: PreSignLinter.errors, all of it (now)", n, () -> linter.errors(tbs));

        // the check of the HSM's signature in software
        X509CertificateHolder issuer = new JcaX509v3CertificateBuilder(new X500Name("CN=Test CA"), BigInteger.ONE,
                Date.from(Instant.parse("2026-01-01T00:00:00Z")), Date.from(Instant.parse("2030-01-01T00:00:00Z")),
                new X500Name("CN=Test CA"), ca.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivate()));
        measure("HSM signature check: JcaContentVerifierProviderBuilder (before)", n,
                () -> check(leaf.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))));
        measure("HSM signature check: one JDK verification, the key kept (now)", n, () -> {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(ca.getPublic());
            s.update(tbsDer);
            check(s.verify(leaf.getSignature()));
        });
    }

    private static byte[] sctInput(long timestamp, byte[] certificate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0); // v1
        out.write(0); // certificate_timestamp
        for (int i = 7; i >= 0; i--) {
            out.write((int) (timestamp >>> (8 * i)));
        }
        out.writeBytes(new byte[] {0, 0}); // x509_entry
        out.writeBytes(new byte[] {(byte) (certificate.length >> 16), (byte) (certificate.length >> 8),
                (byte) certificate.length});
        out.writeBytes(certificate);
        out.writeBytes(new byte[] {0, 0}); // no extensions
        return out.toByteArray();
    }

    private static void check(boolean verified) {
        if (!verified) {
            throw new IllegalStateException("a signature that should verify did not");
        }
    }

    private static void measure(String name, int n, Operation op) throws Exception {
        for (int i = 0; i < 2 * n; i++) {
            op.run();
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                op.run();
            }
            best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - start) / (double) n);
        }
        System.out.printf("%-75s %9.1f µs%n", name, best / 1000);
    }
}
