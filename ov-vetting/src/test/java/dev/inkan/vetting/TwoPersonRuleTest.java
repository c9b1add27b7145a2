package dev.inkan.vetting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.inkan.core.vetting.Application;
import dev.inkan.core.vetting.CaseStatus;
import dev.inkan.core.vetting.CheckType;
import dev.inkan.core.vetting.StaffMember;
import dev.inkan.core.vetting.StaffRole;
import dev.inkan.core.vetting.VettingCase;
import dev.inkan.core.vetting.VettingCheck;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TwoPersonRuleTest {
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    private static StaffMember staff(String id) {
        return new StaffMember(id, id, List.of(StaffRole.VETTING_OFFICER, StaffRole.APPROVER), "x", null, 0, true, AT);
    }

    private static VettingCase checkedBy(String officer) {
        Application a = new Application("株式会社サンプル認証", "Sample Ninsho Co., Ltd.", "4010001234567", "東京都", "千代田区",
                "丸の内１丁目２番３号", "Chiyoda-ku", "03-0000-0000", "山田太郎", "部長", "a@example.co.jp", "",
                List.of("example.co.jp"), List.of());
        return new VettingCase("c1", "ap1", CaseStatus.SUBMITTED, 1, a,
                List.of(new VettingCheck(CheckType.REGISTRY, true, officer, AT, "registry", "", "", 1)), List.of(), null,
                null, AT, AT, 1);
    }

    @Test
    void officerWhoCheckedMayNotApproveEvenWithTheApproverRole() {
        Refusal r = assertThrows(Refusal.class, () -> Decisions.requireSecondPerson(staff("officer"), checkedBy("officer")));
        assertEquals(403, r.status());
    }

    @Test
    void anotherPersonMayApprove() {
        Decisions.requireSecondPerson(staff("approver"), checkedBy("officer"));
    }

    @Test
    void officerRoleAloneCannotApprove() {
        StaffMember officerOnly = new StaffMember("o", "o", List.of(StaffRole.VETTING_OFFICER), "x", null, 0, true, AT);
        assertThrows(Refusal.class, () -> VettingChecks.requireRole(officerOnly, StaffRole.APPROVER));
    }
}
