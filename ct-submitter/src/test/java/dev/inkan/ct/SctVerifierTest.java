package dev.inkan.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.time.MutableClock;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SCT signatures: ECDSA log keys are checked by LogSignatureKey, with the JDK's verdict on every encoding. */
@Timeout(60)
class SctVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final SctVerifier verifier = new SctVerifier(clock);
    private final LogEntry entry = LogEntry.certificate("a certificate's DER".getBytes(StandardCharsets.UTF_8));

    @Test
    void testSuccess_ecdsaSctOfTheLogVerifies() throws Exception {
        KeyPair log = TestCertificates.ec();
        SignedCertificateTimestamp sct = signed(log, entry, 3, "SHA256withECDSA");

        assertEquals(Optional.empty(), verifier.problem(sct, ctLog(log), entry));
        // a second SCT of the same log is checked with the key kept from the first
        SignedCertificateTimestamp next = signed(log, entry, 3, "SHA256withECDSA");
        assertEquals(Optional.empty(), verifier.problem(next, ctLog(log), entry));
    }

    @Test
    void testFailure_ecdsaSctOverAnotherEntryDoesNotVerify() throws Exception {
        KeyPair log = TestCertificates.ec();
        SignedCertificateTimestamp sct = signed(log, entry, 3, "SHA256withECDSA");
        LogEntry other = LogEntry.certificate("another certificate".getBytes(StandardCharsets.UTF_8));

        assertTrue(verifier.problem(sct, ctLog(log), other).orElseThrow().contains("does not verify"));
    }

    @Test
    void testFailure_ecdsaSctSignedByAnotherKeyDoesNotVerify() throws Exception {
        KeyPair log = TestCertificates.ec();
        KeyPair impostor = TestCertificates.ec();
        SignedCertificateTimestamp sct = signed(impostor, entry, 3, "SHA256withECDSA");

        assertTrue(verifier.problem(withLogId(sct, log), ctLog(log), entry).orElseThrow().contains("does not verify"));
    }

    @Test
    void testSuccess_rsaSctOfTheLogVerifiesAndAnotherKeysDoesNot() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair log = g.generateKeyPair();
        KeyPair impostor = g.generateKeyPair();

        assertEquals(Optional.empty(), verifier.problem(signed(log, entry, 1, "SHA256withRSA"), ctLog(log), entry));
        SignedCertificateTimestamp forged = withLogId(signed(impostor, entry, 1, "SHA256withRSA"), log);
        assertTrue(verifier.problem(forged, ctLog(log), entry).orElseThrow().contains("does not verify"));
    }

    @Test
    void testFailure_ecdsaSctClaimingRsaCannotBeChecked() throws Exception {
        KeyPair log = TestCertificates.ec();
        SignedCertificateTimestamp sct = signed(log, entry, 3, "SHA256withECDSA");
        byte[] ds = sct.digitallySigned().clone();
        ds[1] = 1;
        SignedCertificateTimestamp claimsRsa = new SignedCertificateTimestamp(0, sct.logId(), sct.timestamp(),
                sct.extensions(), ds);

        assertTrue(verifier.problem(claimsRsa, ctLog(log), entry).isPresent());
    }

    /**
     * The same ECDSA signature in encodings a sloppy log might send: each is accepted or refused exactly as SunEC
     * (the JDK's provider, which checked SCTs before) decides.
     */
    @Test
    void testSuccess_everyEncodingOfAnEcdsaSignatureGetsTheJdksVerdict() throws Exception {
        KeyPair log = TestCertificates.ec();
        BigInteger n = ((ECPublicKey) log.getPublic()).getParams().getOrder();
        byte[] input = entry.signatureInput(template(log));
        // a signature whose r has its top bit set, so that the INTEGER needs its leading zero
        BigInteger[] rs;
        do {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(log.getPrivate());
            s.update(input);
            rs = LogSignatureKey.decode(s.sign());
        } while (rs[0].bitLength() != 256);
        BigInteger r = rs[0];
        BigInteger s = rs[1];

        Map<String, byte[]> encodings = new LinkedHashMap<>();
        encodings.put("DER", sequence(integer(r.toByteArray()), integer(s.toByteArray())));
        encodings.put("high s", sequence(integer(r.toByteArray()), integer(n.subtract(s).toByteArray())));
        encodings.put("r without its sign byte", sequence(integer(unsigned(r)), integer(s.toByteArray())));
        encodings.put("r with a redundant zero", sequence(integer(prefixed(r.toByteArray(), 0)), integer(s.toByteArray())));
        encodings.put("r with a redundant 0xff", sequence(integer(prefixed(r.toByteArray(), 0xff)), integer(s.toByteArray())));
        encodings.put("r plus n", sequence(integer(r.add(n).toByteArray()), integer(s.toByteArray())));
        encodings.put("r zero", sequence(integer(new byte[] {0}), integer(s.toByteArray())));
        encodings.put("s empty", sequence(integer(r.toByteArray()), integer(new byte[0])));
        encodings.put("a third INTEGER", sequence(integer(r.toByteArray()), integer(s.toByteArray()), integer(new byte[] {1})));
        byte[] der = encodings.get("DER");
        encodings.put("trailing byte", Arrays.copyOf(der, der.length + 1));
        encodings.put("truncated", Arrays.copyOf(der, der.length - 1));
        encodings.put("long-form length", longFormLength(der));
        byte[] indefinite = Arrays.copyOf(der, der.length + 2);
        indefinite[1] = (byte) 0x80;
        encodings.put("indefinite length", indefinite);
        byte[] set = der.clone();
        set[0] = 0x31;
        encodings.put("SET instead of SEQUENCE", set);
        byte[] octets = der.clone();
        octets[2] = 0x04;
        encodings.put("OCTET STRING for r", octets);
        encodings.put("empty", new byte[0]);

        int accepted = 0;
        for (Map.Entry<String, byte[]> e : encodings.entrySet()) {
            SignedCertificateTimestamp sct = withSignature(template(log), e.getValue());
            boolean ours = verifier.problem(sct, ctLog(log), entry).isEmpty();
            assertEquals(jdkAccepts(log, input, e.getValue()), ours, e.getKey());
            accepted += ours ? 1 : 0;
        }
        assertEquals(3, accepted, "DER, high s and r without its sign byte verify");
    }

    private static boolean jdkAccepts(KeyPair log, byte[] input, byte[] signature) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA", "SunEC");
            s.initVerify(log.getPublic());
            s.update(input);
            return s.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }

    private SignedCertificateTimestamp template(KeyPair log) throws Exception {
        return new SignedCertificateTimestamp(0, logId(log), NOW.toEpochMilli() - 1000, new byte[0], new byte[] {4, 3, 0, 0});
    }

    private SignedCertificateTimestamp signed(KeyPair log, LogEntry e, int signatureAlgorithm, String jca)
            throws Exception {
        SignedCertificateTimestamp t = template(log);
        Signature s = Signature.getInstance(jca);
        s.initSign(log.getPrivate());
        s.update(e.signatureInput(t));
        byte[] sig = s.sign();
        SignedCertificateTimestamp withSig = withSignature(t, sig);
        byte[] ds = withSig.digitallySigned();
        ds[1] = (byte) signatureAlgorithm;
        return withSig;
    }

    private static SignedCertificateTimestamp withSignature(SignedCertificateTimestamp t, byte[] signature) {
        ByteArrayOutputStream ds = new ByteArrayOutputStream();
        ds.write(t.digitallySigned()[0]);
        ds.write(t.digitallySigned()[1]);
        TlsEncoding.opaque(ds, signature, 2);
        return new SignedCertificateTimestamp(t.version(), t.logId(), t.timestamp(), t.extensions(), ds.toByteArray());
    }

    private static SignedCertificateTimestamp withLogId(SignedCertificateTimestamp t, KeyPair log) throws Exception {
        return new SignedCertificateTimestamp(t.version(), logId(log), t.timestamp(), t.extensions(), t.digitallySigned());
    }

    private static CtLog ctLog(KeyPair log) throws Exception {
        return new CtLog("test log", "Operator A", logId(log), log.getPublic(), "http://127.0.0.1:1/",
                LogState.USABLE, null, null, false);
    }

    private static byte[] logId(KeyPair log) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(log.getPublic().getEncoded());
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] integer(byte[] content) {
        return tlv(0x02, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        out.write(content.length);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static byte[] prefixed(byte[] b, int first) {
        byte[] out = new byte[b.length + 1];
        out[0] = (byte) first;
        System.arraycopy(b, 0, out, 1, b.length);
        return out;
    }

    /** The outer SEQUENCE's length in the long form (0x81 nn), which DER forbids below 128. */
    private static byte[] longFormLength(byte[] der) {
        byte[] out = new byte[der.length + 1];
        out[0] = der[0];
        out[1] = (byte) 0x81;
        System.arraycopy(der, 1, out, 2, der.length - 1);
        assertFalse(der[1] < 0);
        return out;
    }
}
