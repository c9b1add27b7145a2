package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestCertificates;
import dev.inkan.acme.TestJws;
import dev.inkan.core.model.CertificateStatus;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CertificateHandlerTest extends AcmeServerTestBase {
    private PublicJsonWebKey key;
    private String kid;
    private TestCertificates pki;

    @BeforeEach
    void issueCertificate() {
        key = TestJws.ecKey();
        kid = client.newAccount(key);
        pki = new TestCertificates(clock.instant());
        data.put(pki.issuingCa());
        String accountId = kid.substring(kid.lastIndexOf('/') + 1);
        data.put(pki.issued("1a2b3c", accountId, TestJws.ecKey().getPublicKey(), clock.instant()));
    }

    @Test
    void testSuccess_chainIsLeafThenIssuerWithLinkUp() throws Exception {
        HttpResponse<String> r = client.postAsGet("/acme/cert/1a2b3c", key, kid);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/pem-certificate-chain", r.headers().firstValue("Content-Type").orElseThrow());
        List<X509Certificate> chain = parse(r.body());
        assertEquals(2, chain.size());
        assertEquals("CN=www.example.jp", chain.get(0).getSubjectX500Principal().getName());
        assertEquals("CN=Test DV CA", chain.get(1).getSubjectX500Principal().getName());
        assertTrue(links(r).contains("<" + BASE_URL + "/acme/issuer/dv>;rel=\"up\""));
    }

    @Test
    void testSuccess_issuerIsServedByGetAndLinksUpToItsSigner() throws Exception {
        HttpResponse<String> r = client.get("/acme/issuer/dv");

        assertEquals(200, r.statusCode());
        assertEquals("application/pem-certificate-chain", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("CN=Test DV CA", parse(r.body()).get(0).getSubjectX500Principal().getName());
        assertTrue(links(r).contains("<" + BASE_URL + "/acme/issuer/root>;rel=\"up\""));
    }

    @Test
    void testSuccess_issuerIsServedByPostAsGetAsCaddyFollowsLinkUp() throws Exception {
        HttpResponse<String> r = client.postAsGet("/acme/issuer/dv", key, kid);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/pem-certificate-chain", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("CN=Test DV CA", parse(r.body()).get(0).getSubjectX500Principal().getName());
        assertTrue(links(r).contains("<" + BASE_URL + "/acme/issuer/root>;rel=\"up\""));
    }

    @Test
    void testFailure_unsignedPostOnIssuerIsMalformed() {
        assertProblem(client.post("/acme/issuer/dv", "application/jose+json", "{}"), 400, "malformed");
    }

    @Test
    void testFailure_unknownIssuerIs404() {
        assertProblem(client.get("/acme/issuer/nope"), 404, "malformed");
    }

    @Test
    void testFailure_certificateOfAnotherAccountIs404() {
        PublicJsonWebKey other = TestJws.ecKey();
        String otherKid = client.newAccount(other);

        assertProblem(client.postAsGet("/acme/cert/1a2b3c", other, otherKid), 404, "malformed");
    }

    @Test
    void testFailure_reservedSerialIs404() {
        var issued = data.certificates.get("1a2b3c");
        data.put(new dev.inkan.core.model.CertificateRecord(issued.serial(), issued.issuerId(), issued.accountId(),
                issued.orderId(), CertificateStatus.RESERVED, issued.tbsDer(), null, issued.dnsNames(),
                issued.spkiSha256(), issued.notBefore(), issued.notAfter(), issued.createdAt(), null, null));

        assertProblem(client.postAsGet("/acme/cert/1a2b3c", key, kid), 404, "malformed");
    }

    @Test
    void testFailure_getOnCertificateIs405() {
        assertProblem(client.get("/acme/cert/1a2b3c"), 405, "malformed");
    }

    private static List<X509Certificate> parse(String pem) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .stream().map(c -> (X509Certificate) c).toList();
    }
}
