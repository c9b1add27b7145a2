package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;

/**
 * Seed 003's loop in a real browser: the registry shows a different city, the officer returns the application with
 * the reason, the applicant sees it and resubmits the corrected address, every check is made again, and the
 * approver rejects it with a reason the applicant then reads.
 */
@Timeout(900)
class OvResubmissionBrowserIT extends VettingBrowserSteps {
    private String outcome(String check) {
        return staff.driver.findElement(By.cssSelector("#check-" + check + " .outcome")).getText();
    }

    @Test
    void returnedApplicationIsResubmittedCheckedAgainAndRejected() throws Exception {
        registerAndSignIn(applicant, "suzuki@" + ORG_DOMAIN, null);
        applicant.id("new-application").click();
        fillApplication(applicant, "中央区", letterOfAuthority());
        applicant.submit("submit");
        String caseUrl = applicant.driver.getCurrentUrl();
        String caseId = caseId(caseUrl);

        staff.staffSignIn("officer", "04-totp-enrolment");
        staff.open(server.consoleUrl() + "/cases/" + caseId);
        staff.submit("run-registry");
        assertEquals("不合格", outcome("REGISTRY"), staff.text());
        assertTrue(staff.text().contains("中央区 ≠ 千代田区"), staff.text());
        staff.type("return-reason", "本店所在地の市区町村が登記（千代田区）と異なります。登記どおりに修正してください。");
        staff.submit("return");
        assertEquals("差戻し（修正が必要です）", staff.id("status").getText());
        staff.screenshot("11-returned");

        applicant.open(caseUrl);
        assertTrue(applicant.id("reason").getText().contains("千代田区"), applicant.text());
        applicant.screenshot("12-applicant-sees-reason");
        applicant.id("resubmit-link").click();
        applicant.type("city", "千代田区");
        applicant.id("evidence").sendKeys(letterOfAuthority().toString());
        applicant.submit("submit");
        assertEquals("審査中", applicant.id("status").getText());

        staff.open(server.consoleUrl() + "/cases/" + caseId);
        assertEquals("未実施", outcome("REGISTRY"), "a resubmission needs every check again: " + staff.text());
        officerChecks(staff);
        assertEquals("合格", outcome("REGISTRY"), staff.text());
        staff.staffSignOut();

        staff.staffSignIn("approver", null);
        staff.open(server.consoleUrl() + "/cases/" + caseId);
        staff.type("reject-reason", "申請者の権限を確認できた書類が不十分なため却下します。");
        staff.submit("reject");
        assertEquals("却下", staff.id("status").getText(), staff.text());
        staff.staffSignOut();

        applicant.open(caseUrl);
        assertEquals("却下", applicant.id("status").getText());
        assertTrue(applicant.id("reason").getText().contains("却下"), applicant.text());
        applicant.screenshot("13-rejected");
    }
}
