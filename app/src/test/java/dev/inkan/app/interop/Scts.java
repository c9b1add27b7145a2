package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * Reads the SCTs embedded in a certificate and verifies them against a v3 log list, written apart from the
 * ct-submitter module so that the tests check its work with other code (RFC 6962 §3.2, §3.3).
 */
final class Scts {
    static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");
    static final ASN1ObjectIdentifier POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");

    /** A log of the list: its key, operator and URL. */
    record Log(String operator, String url, PublicKey key) {}

    record Sct(byte[] logId, long timestamp, byte[] extensions, byte[] signature) {}

    private Scts() {}

    /**
     * The certificate embeds at least two SCTs, from at least two operators of the sandbox's log list, and
     * each verifies with its log's key over the precertificate entry (RFC 6962 §3.2).
     */
    static void assertFromTwoOperatorsAndVerifying(SandboxServer server, X509Certificate cert) throws Exception {
        Map<String, Log> logs = logs(server.home.resolve("ct/log-list.json"));
        X509Certificate issuer = Pem.certificates(server.caFile("dv.pem")).get(0);
        List<Sct> scts = embedded(cert.getEncoded());
        assertTrue(scts.size() >= 2, "SCTs: " + scts.size());
        Set<String> operators = new HashSet<>();
        for (Sct sct : scts) {
            Log log = logs.get(Base64.getEncoder().encodeToString(sct.logId()));
            assertNotNull(log, "the SCT's log is in the log list");
            operators.add(log.operator());
            assertTrue(verifies(sct, log.key(), cert, issuer),
                    "SCT from " + log.url() + " verifies");
        }
        assertTrue(operators.size() >= 2, operators.toString());
    }

    static Map<String, Log> logs(Path logList) throws Exception {
        JsonObject list = new JsonObject(Files.readString(logList));
        Map<String, Log> byId = new HashMap<>();
        for (Object o : list.getJsonArray("operators")) {
            JsonObject op = (JsonObject) o;
            for (Object l : op.getJsonArray("logs")) {
                JsonObject log = (JsonObject) l;
                PublicKey key = KeyFactory.getInstance("EC").generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(log.getString("key"))));
                byId.put(log.getString("log_id"), new Log(op.getString("name"), log.getString("url"), key));
            }
        }
        return byId;
    }

    static List<Sct> embedded(byte[] certificateDer) throws Exception {
        byte[] tls = ASN1OctetString.getInstance(Certificate.getInstance(certificateDer).getTBSCertificate()
                .getExtensions().getExtension(SCT_LIST).getParsedValue()).getOctets();
        List<Sct> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(tls))) {
            int total = in.readUnsignedShort();
            int read = 0;
            while (read < total) {
                int length = in.readUnsignedShort();
                DataInputStream sct = new DataInputStream(new ByteArrayInputStream(in.readNBytes(length)));
                if (sct.readUnsignedByte() != 0) {
                    throw new IllegalStateException("not an SCT v1");
                }
                byte[] id = sct.readNBytes(32);
                long ts = sct.readLong();
                byte[] ext = sct.readNBytes(sct.readUnsignedShort());
                int hash = sct.readUnsignedByte();
                int alg = sct.readUnsignedByte();
                if (hash != 4 || alg != 3) {
                    throw new IllegalStateException("not SHA-256 with ECDSA");
                }
                out.add(new Sct(id, ts, ext, sct.readNBytes(sct.readUnsignedShort())));
                read += 2 + length;
            }
        }
        return out;
    }

    /** The TBS without the extension {@code oid}: what a log signs for a precertificate entry. */
    static byte[] tbsWithout(byte[] certificateDer, ASN1ObjectIdentifier oid) throws Exception {
        TBSCertificate tbs = Certificate.getInstance(certificateDer).getTBSCertificate();
        Extensions ext = tbs.getExtensions();
        ASN1EncodableVector kept = new ASN1EncodableVector();
        Arrays.stream(ext.getExtensionOIDs()).filter(o -> !o.equals(oid)).forEach(o -> kept.add(ext.getExtension(o)));
        ASN1EncodableVector fields = new ASN1EncodableVector();
        for (ASN1Encodable f : ASN1Sequence.getInstance(tbs.toASN1Primitive())) {
            fields.add(f instanceof ASN1TaggedObject t && t.getTagNo() == 3
                    ? new DERTaggedObject(true, 3, new DERSequence(kept)) : f);
        }
        return new DERSequence(fields).getEncoded("DER");
    }

    /** RFC 6962 §3.2: the SCT's signature over the PreCert entry of this final certificate. */
    static boolean verifies(Sct sct, PublicKey logKey, X509Certificate cert, X509Certificate issuer) throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write(0);
        in.write(0);
        for (int i = 7; i >= 0; i--) {
            in.write((int) (sct.timestamp() >>> (8 * i)));
        }
        in.write(0);
        in.write(1);
        in.writeBytes(MessageDigest.getInstance("SHA-256").digest(issuer.getPublicKey().getEncoded()));
        byte[] tbs = tbsWithout(cert.getEncoded(), SCT_LIST);
        in.write(tbs.length >> 16);
        in.write(tbs.length >> 8);
        in.write(tbs.length);
        in.writeBytes(tbs);
        in.write(sct.extensions().length >> 8);
        in.write(sct.extensions().length);
        in.writeBytes(sct.extensions());
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initVerify(logKey);
        s.update(in.toByteArray());
        return s.verify(sct.signature());
    }
}
