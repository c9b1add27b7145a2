package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
}
