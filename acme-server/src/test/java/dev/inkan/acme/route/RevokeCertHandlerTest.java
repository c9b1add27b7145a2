package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestCertificates;
import dev.inkan.acme.TestJws;
import dev.inkan.core.model.RevocationReason;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RevokeCertHandlerTest extends AcmeServerTestBase {
    private static final String REVOKE = "/acme/revoke-cert";

    private PublicJsonWebKey accountKey;
    private PublicJsonWebKey certificateKey;
    private String kid;
    private byte[] der;

    @BeforeEach
    void issueCertificate() {
        accountKey = TestJws.ecKey();
        certificateKey = TestJws.ecKey();
        kid = client.newAccount(accountKey);
        TestCertificates pki = new TestCertificates(clock.instant());
        der = pki.issued("0f", "acct0001", certificateKey.getPublicKey(), clock.instant()).der();
        ra.calls.clear();
    }

    private JsonObject payload(Integer reason) {
        JsonObject p = new JsonObject().put("certificate", Base64.getUrlEncoder().withoutPadding().encodeToString(der));
        return reason == null ? p : p.put("reason", reason);
    }

    @Test
    void testSuccess_byAccountPassesTheAccount() {
        assertEquals(200, client.postSigned(REVOKE, accountKey, kid, payload(4)).statusCode());

        var request = ra.lastRevocation.get();
        assertEquals(kid.substring(kid.lastIndexOf('/') + 1), request.accountId());
        assertFalse(request.byCertificateKey());
        assertEquals(RevocationReason.SUPERSEDED, request.reason());
        assertArrayEquals(der, request.certificateDer());
    }

    @Test
    void testSuccess_byCertificateKeyPassesTheFlag() {
        var r = client.post(REVOKE, TestJws.signedBy(certificateKey).jwk().payload(payload(null)));

        assertEquals(200, r.statusCode(), r.body());
        var request = ra.lastRevocation.get();
        assertTrue(request.byCertificateKey());
        assertNull(request.accountId());
        assertNull(request.reason());
    }

    @Test
    void testFailure_jwkThatIsNotTheCertificateKeyIsUnauthorized() {
        var r = client.post(REVOKE, TestJws.signedBy(TestJws.ecKey()).jwk().payload(payload(1)));

        assertProblem(r, 403, "unauthorized");
        assertTrue(ra.calls.isEmpty());
    }

    @Test
    void testFailure_certificateHoldIsBadRevocationReason() {
        assertProblem(client.postSigned(REVOKE, accountKey, kid, payload(6)), 400, "badRevocationReason");
        assertTrue(ra.calls.isEmpty());
    }

    @Test
    void testFailure_certificateNotBase64UrlIsMalformed() {
        assertProblem(client.postSigned(REVOKE, accountKey, kid, new JsonObject().put("certificate", "***")), 400,
                "malformed");
    }
}
