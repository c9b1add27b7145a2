package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

/** Checks on issued certificates that every interop test makes. */
final class Certs {
    private Certs() {}

    /** The certificate's SAN dNSNames, sorted. */
    static List<String> dnsNames(Path pem) throws Exception {
        X509Certificate c = Pem.certificates(pem).get(0);
        List<String> names = new ArrayList<>();
        Collection<List<?>> sans = c.getSubjectAlternativeNames();
        for (List<?> san : sans) {
            assertEquals(2, san.get(0), "only dNSName SANs are issued");
            names.add((String) san.get(1));
        }
        names.sort(null);
        return names;
    }

    /** {@code openssl verify -CAfile root.pem -untrusted <issuing CA> cert} says OK. */
    static void assertVerifies(SandboxServer server, Path cert, String issuingCaFile) throws Exception {
        ClientRun run = ClientRun.run(server.home, Map.of(), List.of("openssl", "verify",
                "-CAfile", server.caFile("root.pem").toString(),
                "-untrusted", server.caFile(issuingCaFile).toString(),
                "-purpose", "sslserver", cert.toString()));
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.output().contains(": OK"), run.describe());
    }

    /**
     * The chain as the client saved it (leaf first, then what the server sent after it) verifies to the root with
     * nothing else supplied: {@code openssl verify -CAfile root.pem -untrusted <the rest> <leaf>}.
     */
    static void assertChainVerifies(SandboxServer server, Path fullChain) throws Exception {
        List<X509Certificate> chain = Pem.certificates(fullChain);
        assertTrue(chain.size() >= 2, fullChain + " holds " + chain.size() + " certificate(s), not a chain");
        Path dir = fullChain.getParent();
        Path leaf = dir.resolve(fullChain.getFileName() + ".leaf.pem");
        Path rest = dir.resolve(fullChain.getFileName() + ".intermediates.pem");
        java.nio.file.Files.writeString(leaf, pem(chain.subList(0, 1)));
        java.nio.file.Files.writeString(rest, pem(chain.subList(1, chain.size())));
        ClientRun run = ClientRun.run(server.home, Map.of(), List.of("openssl", "verify",
                "-CAfile", server.caFile("root.pem").toString(), "-untrusted", rest.toString(),
                "-purpose", "sslserver", leaf.toString()));
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.output().contains(": OK"), run.describe());
    }

    private static String pem(List<X509Certificate> certs) throws Exception {
        StringBuilder b = new StringBuilder();
        java.util.Base64.Encoder mime = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (X509Certificate c : certs) {
            b.append("-----BEGIN CERTIFICATE-----\n").append(mime.encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return b.toString();
    }

    /** The OCSP URL in the certificate's AIA. */
    static String ocspUrl(X509Certificate c) {
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(
                c.getExtensionValue(Extension.authorityInfoAccess.getId())).getOctets());
        for (AccessDescription d : aia.getAccessDescriptions()) {
            if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                return ((GeneralName) d.getAccessLocation()).getName().toString();
            }
        }
        throw new AssertionError("no OCSP URL in the AIA");
    }

    /**
     * {@code openssl ocsp -issuer dv.pem -cert leaf.pem -url <the certificate's AIA OCSP URL>}: the answer
     * verifies against the CA certificates; returns openssl's output (": good", ": revoked", ...).
     */
    static String ocsp(SandboxServer server, Path certPem) throws Exception {
        ClientRun run = ClientRun.run(server.home, Map.of(), List.of("openssl", "ocsp",
                "-issuer", server.caFile("dv.pem").toString(), "-cert", certPem.toString(),
                "-url", ocspUrl(Pem.certificates(certPem).get(0)), "-CAfile", server.caFile("root.pem").toString(),
                "-no_nonce"));
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.output().contains("Response verify OK"), run.describe());
        return run.output();
    }
}
