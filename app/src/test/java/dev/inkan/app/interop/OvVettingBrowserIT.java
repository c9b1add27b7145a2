package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * OV end to end in a real browser (headless Debian chromium): an applicant registers and applies, an officer signs in
 * with password and TOTP and checks the application against the fake corporate-number registry, is refused as its
 * approver, a second staff member approves, the applicant sees the EAB key once, and certbot with that key gets an
 * OV certificate whose subject is the vetted organization. The screenshots illustrate docs/ov-vetting.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(900)
class OvVettingBrowserIT {
    static final String ORG_DOMAIN = "sample-ninsho.co.jp";
    private static SandboxServer server;
    private static VettingBrowser applicant;
    private static VettingBrowser staff;
    private static String caseUrl;
    private static String kid;
    private static String hmac;

    @BeforeAll
    static void start() throws Exception {
        server = SandboxServer.shared();
        applicant = new VettingBrowser(server, server.home.resolve("browser/applicant"));
        staff = new VettingBrowser(server, server.home.resolve("browser/staff"));
    }

    @AfterAll
    static void stop() {
        if (applicant != null) {
            applicant.close();
        }
        if (staff != null) {
            staff.close();
        }
    }

    /** For the other vetting browser test, which shares the sandbox and these steps. */
    static void server(SandboxServer s) {
        server = s;
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

    /** The officer's checks: the registry query, the call-back, authority, domain registrant. */
    static void officerChecks(VettingBrowser s) {
        s.submit("run-registry");
        s.select("tel-source", "iタウンページ / i Town Page");
        s.type("tel-number", "03-1234-5678");
        s.type("tel-answered", "総務部 佐藤");
        s.submit("record-telephone");
        s.type("auth-by", "代表取締役 鈴木 一郎");
        s.submit("record-authority");
        s.type("dom-registrant", "株式会社サンプル認証 (Sample Ninsho Co., Ltd.)");
        s.submit("record-domains");
    }

    @Test
    @Order(1)
    void applicantRegistersAndSubmits() throws Exception {
        registerAndSignIn(applicant, "yamada@" + ORG_DOMAIN, "");
        applicant.id("new-application").click();
        fillApplication(applicant, "千代田区", letterOfAuthority());
        applicant.screenshot("02-application");
        applicant.submit("submit");
        caseUrl = applicant.driver.getCurrentUrl();
        assertEquals("審査中", applicant.id("status").getText());
        applicant.screenshot("03-submitted");
    }

    @Test
    @Order(2)
    void officerVerifiesEachCheckAgainstTheRegistry() throws Exception {
        staff.staffSignIn("officer", "04-totp-enrolment");
        assertTrue(staff.driver.getCurrentUrl().endsWith("/queue"), staff.driver.getCurrentUrl() + staff.text());
        staff.screenshot("05-queue");
        staff.driver.findElement(org.openqa.selenium.By.className("case-link")).click();
        officerChecks(staff);
        for (String check : List.of("REGISTRY", "TELEPHONE", "AUTHORITY", "COUNTRY", "DOMAINS")) {
            assertEquals("合格", staff.driver.findElement(org.openqa.selenium.By.cssSelector("#check-" + check + " .outcome"))
                    .getText(), check + ": " + staff.text());
        }
        staff.screenshot("06-checks");
    }

    @Test
    @Order(3)
    void sameOfficerIsRefusedAsApprover() throws Exception {
        String caseId = caseUrl.substring(caseUrl.lastIndexOf('/') + 1);
        staff.open(server.consoleUrl() + "/cases/" + caseId);
        staff.type("approve-password", staff.password("officer"));
        staff.type("approve-code", "000000");
        staff.submit("approve");
        assertTrue(staff.id("error").getText().contains("two-person rule"), staff.text());
        staff.screenshot("07-two-person-rule");
        staff.staffSignOut();
    }

    @Test
    @Order(4)
    void secondStaffMemberApproves() throws Exception {
        staff.staffSignIn("approver", null);
        String caseId = caseUrl.substring(caseUrl.lastIndexOf('/') + 1);
        staff.open(server.consoleUrl() + "/cases/" + caseId);
        staff.type("approve-password", staff.password("approver"));
        staff.type("approve-code", VettingBrowser.code("approver"));
        staff.screenshot("08-approve");
        staff.submit("approve");
        assertEquals("承認済み", staff.id("status").getText(), staff.text());
        staff.staffSignOut();
    }

    @Test
    @Order(5)
    void applicantSeesTheEabKeyOnce() throws Exception {
        applicant.open(caseUrl);
        kid = applicant.id("eab-kid").getText();
        hmac = applicant.id("eab-hmac").getText();
        assertTrue(kid.startsWith("kid-") && hmac.length() >= 43, kid + " " + hmac);
        applicant.screenshot("09-eab-key");
        applicant.open(caseUrl + "?lang=en");
        assertTrue(applicant.text().contains("shown already"), applicant.text());
        applicant.screenshot("10-english");
        applicant.open(caseUrl + "?lang=ja");
    }

    @Test
    @Order(6)
    void certbotWithTheEabKeyGetsTheVettedSubjectAndTheOvPolicy() throws Exception {
        Path dir = server.home.resolve("certbot-ov");
        List<String> cmd = new ArrayList<>(List.of("certbot", "certonly", "--standalone", "--non-interactive",
                "--http-01-port", String.valueOf(server.http01Port), "--http-01-address", "127.0.0.1",
                "--server", server.directoryUrl(), "--agree-tos", "-m", "ops@" + ORG_DOMAIN,
                "--eab-kid", kid, "--eab-hmac-key", hmac, "-d", "www." + ORG_DOMAIN,
                "--config-dir", dir.resolve("config").toString(), "--work-dir", dir.resolve("work").toString(),
                "--logs-dir", dir.resolve("logs").toString()));
        ClientRun run = ClientRun.run(dir, Map.of("REQUESTS_CA_BUNDLE", server.tlsRoot().toString()), cmd);
        assertEquals(0, run.exitCode(), run.describe());
        Path pem = dir.resolve("config/live/www." + ORG_DOMAIN + "/cert.pem");
        X509Certificate cert = Pem.certificates(pem).get(0);
        Certs.assertVerifies(server, pem, "ov.pem");
        String subject = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        assertTrue(subject.contains("C=JP") && subject.contains("ST=Tokyo") && subject.contains("L=Chiyoda-ku")
                && subject.contains("O=Sample Ninsho Co.\\, Ltd.") && subject.contains("CN=www." + ORG_DOMAIN), subject);
        CertificatePolicies policies = CertificatePolicies.fromExtensions(
                new JcaX509CertificateHolder(cert).getExtensions());
        List<ASN1ObjectIdentifier> oids = new ArrayList<>();
        for (PolicyInformation p : policies.getPolicyInformation()) {
            oids.add(p.getPolicyIdentifier());
        }
        assertTrue(oids.contains(new ASN1ObjectIdentifier("2.23.140.1.2.2")), oids.toString());
        assertTrue(cert.getExtensionValue(Extension.certificatePolicies.getId()) != null);
    }
}
