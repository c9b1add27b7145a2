package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.vetting.Application;
import dev.inkan.core.vetting.CaseEvent;
import dev.inkan.core.vetting.CaseStatus;
import dev.inkan.core.vetting.CheckType;
import dev.inkan.core.vetting.Evidence;
import dev.inkan.core.vetting.ExternalAccountKey;
import dev.inkan.core.vetting.OrganizationStatus;
import dev.inkan.core.vetting.OrganizationSubject;
import dev.inkan.core.vetting.StaffMember;
import dev.inkan.core.vetting.StaffRole;
import dev.inkan.core.vetting.VettedOrganization;
import dev.inkan.core.vetting.VettingCase;
import dev.inkan.core.vetting.VettingCheck;
import dev.inkan.core.vetting.VettingStores;
import java.util.List;
import org.junit.jupiter.api.Test;

class VettingStoresTest extends EmbeddedStoreTest {
    private final VettingStores vetting = storage.vetting();

    private VettingCase aCase() {
        Application a = new Application("株式会社サンプル認証", "Sample Ninsho Co., Ltd.", "4010001234567", "東京都", "千代田区",
                "丸の内１丁目２番３号", "Chiyoda-ku", "03-0000-0000", "山田太郎", "部長", "a@example.co.jp", "",
                List.of("example.co.jp", "example.jp"),
                List.of(new Evidence("e1", "letter.pdf", "application/pdf", 1234, "ab".repeat(32), T0.plusNanos(7))));
        return new VettingCase(newId("case"), "ap1", CaseStatus.SUBMITTED, 1, a,
                List.of(new VettingCheck(CheckType.REGISTRY, true, "officer", T0.plusNanos(123), "registry", "<xml/>",
                        "ok", 1)),
                List.of(new CaseEvent(T0, "ap1", "submitted", "x")), null, null, T0, T0, 1);
    }

    @Test
    void caseRoundTripsFieldForField() {
        VettingCase c = aCase();
        await(vetting.cases().insert(c));
        assertEquals(c, await(vetting.cases().byId(c.id())).orElseThrow());
        assertEquals(List.of(c), await(vetting.cases().byApplicant("ap1")).stream().filter(x -> x.id().equals(c.id())).toList());
    }

    @Test
    void replaceFromAStaleVersionChangesNothing() {
        VettingCase c = aCase();
        await(vetting.cases().insert(c));
        VettingCase returned = c.decided(CaseStatus.RETURNED, "fix", null, new CaseEvent(T0, "o", "returned", "fix"));
        assertEquals(returned, await(vetting.cases().replace(returned, 1)).orElseThrow());
        assertTrue(await(vetting.cases().replace(returned, 1)).isEmpty());
    }

    @Test
    void organizationAndKeyRoundTrip() {
        VettedOrganization o = new VettedOrganization(newId("org"), "c", "株式会社サンプル認証", "Sample Ninsho Co., Ltd.",
                "4010001234567", new OrganizationSubject("JP", "Tokyo", "Chiyoda-ku", "Sample Ninsho Co., Ltd."),
                List.of("example.co.jp"), T0, T0, "approver", OrganizationStatus.VETTED, null, 1);
        await(vetting.organizations().insert(o));
        ExternalAccountKey k = new ExternalAccountKey(newId("kid"), "bWFj", o.id(), true, T0, false);
        await(vetting.organizations().insertKey(k));
        assertEquals(o, await(vetting.organizations().organization(o.id())).orElseThrow());
        assertEquals(k, await(vetting.organizations().externalAccountKey(k.kid())).orElseThrow());
        VettedOrganization suspended = o.withStatus(OrganizationStatus.SUSPENDED, "fraud report");
        assertEquals(suspended, await(vetting.organizations().replace(suspended, 1)).orElseThrow());
    }

    @Test
    void totpStepIsAcceptedOnce() {
        StaffMember m = new StaffMember(newId("staff"), "Officer", List.of(StaffRole.VETTING_OFFICER), "$argon2id$x",
                "JBSWY3DPEHPK3PXP", 100, true, T0);
        await(vetting.staff().insert(m));
        assertEquals(101, await(vetting.staff().acceptTotpStep(m.id(), 101)).orElseThrow().totpLastStep());
        assertTrue(await(vetting.staff().acceptTotpStep(m.id(), 101)).isEmpty());
        assertTrue(await(vetting.staff().acceptTotpStep(m.id(), 100)).isEmpty());
    }
}
