package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * What the vetting browser tests share: the sandbox, one browser for the applicant and one for staff (each test class
 * its own profiles), and the steps every vetting walks: registering, filling the application, the officer's checks.
 */
abstract class VettingBrowserSteps {
    static final String ORG_DOMAIN = "sample-ninsho.co.jp";
    static SandboxServer server;
    static VettingBrowser applicant;
    static VettingBrowser staff;

    @BeforeAll
    static void browsers(TestInfo test) throws Exception {
        server = SandboxServer.shared();
        String name = test.getTestClass().orElseThrow().getSimpleName();
        applicant = new VettingBrowser(server, server.home.resolve("browser/" + name + "/applicant"));
        staff = new VettingBrowser(server, server.home.resolve("browser/" + name + "/staff"));
    }

    @AfterAll
    static void closeBrowsers() {
        if (applicant != null) {
            applicant.close();
            applicant = null;
        }
        if (staff != null) {
            staff.close();
            staff = null;
        }
    }

    /** Registers, follows the mailed link, signs in. */
    static void registerAndSignIn(VettingBrowser b, String email, String screenshotPrefix) throws Exception {
        b.open(server.portalUrl() + "/register");
        b.type("email", email);
        b.type("password", "correct horse battery staple");
        if (screenshotPrefix != null) {
            b.screenshot(screenshotPrefix + "01-register");
        }
        b.submit("register");
        assertTrue(b.id("notice").getText().contains("確認メール"), b.text());
        b.open(VettingBrowser.verificationLink(server, email));
        assertTrue(b.id("notice").getText().contains("確認しました"), b.text());
        b.type("email", email);
        b.type("password", "correct horse battery staple");
        b.submit("login");
        assertTrue(b.driver.getCurrentUrl().endsWith("/applications"), b.driver.getCurrentUrl());
    }

    static void fillApplication(VettingBrowser b, String city, Path evidence) {
        b.type("legalNameJa", "株式会社サンプル認証");
        b.type("legalNameEn", "Sample Ninsho Co., Ltd.");
        b.type("corporateNumber", "4010001234567");
        b.select("prefecture", "東京都");
        b.type("city", city);
        b.type("street", "丸の内１丁目２番３号");
        b.type("localityEn", "Chiyoda-ku");
        b.type("telephone", "03-1234-5678");
        b.type("applicantName", "山田 太郎");
        b.type("applicantTitle", "情報システム部長");
        b.type("applicantEmail", "yamada@" + ORG_DOMAIN);
        b.type("domains", ORG_DOMAIN);
        b.id("evidence").sendKeys(evidence.toString());
    }

    static Path letterOfAuthority() throws Exception {
        Path pdf = server.home.resolve("browser/letter-of-authority.pdf");
        Files.createDirectories(pdf.getParent());
        Files.writeString(pdf, "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
        return pdf;
    }

    /** The officer's checks on the open case: the registry query, the call-back, authority, the domain registrants (looked up by the console). */
    static void officerChecks(VettingBrowser s) {
        s.submit("run-registry");
        s.select("tel-source", "iタウンページ / i Town Page");
        s.type("tel-number", "03-1234-5678");
        s.type("tel-answered", "総務部 佐藤");
        s.submit("record-telephone");
        s.type("auth-by", "代表取締役 鈴木 一郎");
        s.submit("record-authority");
        s.submit("record-domains");
    }

    static String caseId(String caseUrl) {
        return caseUrl.substring(caseUrl.lastIndexOf('/') + 1);
    }
}
