package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.model.Precertificate;
import dev.inkan.core.model.PrecertificateStage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A bulk load writes each record as its port would: the ports read back exactly what was loaded. */
class BulkLoadTest extends EmbeddedStoreTest {

    @Test
    void testSuccess_loadedRecordsReadBackThroughThePorts() {
        String serial = "7f" + newId("s").replaceAll("[^0-9a-f]", "");
        Order order = new Order(newId("order"), "acct-1", OrderStatus.VALID, T0.plus(Duration.ofDays(7)),
                List.of(Identifier.dns("a.example.jp")), null, null, List.of("authz-1"), "dv", null, serial, T0, T0);
        CertificateRecord certificate = new CertificateRecord(serial, "dv", "acct-1", order.id(),
                CertificateStatus.ISSUED, new byte[] {0x30, 1}, new byte[] {0x30, 2}, List.of("a.example.jp"), "ab12", T0,
                T0.plus(Duration.ofDays(90)), T0, null, null, new byte[] {0x30, 3});
        Precertificate precertificate = new Precertificate(serial, "dv", order.id(), PrecertificateStage.FINAL_ISSUED,
                new byte[] {0x30, 4}, new byte[] {0x30, 3}, List.of(new byte[] {5}), new byte[] {0x30, 6}, null, T0, T0);

        await(storage.bulkLoad().insert(new BulkLoad.Batch(List.of(), List.of(), List.of(), List.of(order),
                List.of(certificate), List.of(precertificate), List.of())));

        assertEquals(Optional.of(order), await(stores.orders().byId(order.id())));
        CertificateRecord read = await(stores.certificates().bySerial(serial)).orElseThrow();
        assertEquals(CertificateStatus.ISSUED, read.status());
        assertArrayEquals(certificate.der(), read.der());
        assertArrayEquals(certificate.precertificateDer(), read.precertificateDer());
        assertEquals(List.of(order), await(stores.orders().byAccount("acct-1", null, 10)));
        Precertificate p = await(storage.precertificates().bySerial(serial)).orElseThrow();
        assertEquals(PrecertificateStage.FINAL_ISSUED, p.stage());
        assertArrayEquals(precertificate.finalTbsDer(), p.finalTbsDer());
    }
}
