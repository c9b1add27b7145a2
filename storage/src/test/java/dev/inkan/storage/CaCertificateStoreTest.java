package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.port.CaCertificateStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaCertificateStoreTest extends EmbeddedStoreTest {
    private final CaCertificateStore caCertificates = stores.caCertificates();

    private static CaCertificate certificate(String id, byte[] der) {
        return new CaCertificate(id, "issuing", "CN=Inkan DV CA, O=Example, C=JP", "dv-key", "root", der, "cd34", T0);
    }

    private static void assertSame(CaCertificate expected, CaCertificate actual) {
        assertArrayEquals(expected.der(), actual.der());
        assertEquals(List.of(expected.id(), expected.role(), expected.subjectDn(), expected.keyAlias(),
                        expected.issuerId(), expected.spkiSha256(), expected.createdAt()),
                List.of(actual.id(), actual.role(), actual.subjectDn(), actual.keyAlias(),
                        actual.issuerId(), actual.spkiSha256(), actual.createdAt()));
    }

    @Test
    void testSuccess_caCertificateRoundTrips() {
        CaCertificate c = certificate(newId("dv"), new byte[] {1, 2, 3});
        assertSame(c, await(caCertificates.insertIfAbsent(c)));
        assertSame(c, await(caCertificates.byId(c.id())).orElseThrow());
    }

    @Test
    void testSuccess_firstCertificateWithAnIdWins() {
        CaCertificate first = certificate(newId("dv"), new byte[] {1});
        await(caCertificates.insertIfAbsent(first));
        assertSame(first, await(caCertificates.insertIfAbsent(certificate(first.id(), new byte[] {2}))));
    }

    @Test
    void testSuccess_allListsEveryStoredCertificate() {
        CaCertificate a = await(caCertificates.insertIfAbsent(certificate(newId("root"), new byte[] {3})));
        CaCertificate b = await(caCertificates.insertIfAbsent(certificate(newId("ocsp"), new byte[] {4})));
        List<String> ids = await(caCertificates.all()).stream().map(CaCertificate::id).toList();
        assertTrue(ids.containsAll(List.of(a.id(), b.id())));
    }
}
