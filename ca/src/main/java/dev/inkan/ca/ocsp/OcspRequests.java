package dev.inkan.ca.ocsp;

import dev.inkan.ca.ocsp.OcspAnswers.Key;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ocsp.CertID;

/**
 * Requests already understood, by their exact bytes: relying parties ask the same few questions over and over (a
 * browser's or TLS server's request for one certificate is the same DER every time, RFC 5019 §2.1 and no nonce),
 * and parsing the ASN.1 each time cost a third of the responder's own time. Only requests that parsed and named
 * one of our issuers are held; least recently used first out when full. What a request means never changes, so
 * an entry is never stale: the answer it leads to is looked up fresh each time.
 */
final class OcspRequests {
    /** A request understood: the answer's key, and the CertID the answer repeats. */
    record Parsed(Key key, CertID certId) {}

    private final LinkedHashMap<Request, Parsed> parsed;

    OcspRequests(int max) {
        this.parsed = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Request, Parsed> eldest) {
                return size() > max;
            }
        };
    }

    synchronized Parsed get(String caId, byte[] der) {
        return parsed.get(new Request(caId, der));
    }

    synchronized void put(String caId, byte[] der, Parsed p) {
        parsed.put(new Request(caId, der), p);
    }

    synchronized int size() {
        return parsed.size();
    }

    /** The responder path and the request's DER, compared by content. */
    private record Request(String caId, byte[] der) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Request r && r.caId.equals(caId) && Arrays.equals(r.der, der);
        }

        @Override
        public int hashCode() {
            return 31 * caId.hashCode() + Arrays.hashCode(der);
        }
    }
}
