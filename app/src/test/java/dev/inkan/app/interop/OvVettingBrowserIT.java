package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
class OvVettingBrowserIT extends VettingBrowserSteps {
    private static String caseUrl;
    private static String kid;
    private static String hmac;

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
        String domains = staff.driver.findElement(org.openqa.selenium.By.id("check-DOMAINS")).getText();
        assertTrue(domains.contains("whois") && domains.contains("株式会社サンプル認証"), domains);
        staff.screenshot("06-checks");
    }

    @Test
    @Order(3)
    void sameOfficerIsRefusedAsApprover() throws Exception {
        String caseId = caseId(caseUrl);
        staff.open(server.consoleUrl() + "/cases/" + caseId);
        staff.type("approve-password", staff.password("officer"));
        staff.type("approve-code", "000000");
        staff.submit("approve");
        String refusal = staff.id("error").getText();
        assertTrue(refusal.contains("二者確認") && !refusal.contains("two-person rule"), "in Japanese only: " + refusal);
        staff.screenshot("07-two-person-rule");
        staff.staffSignOut();
    }

    @Test
    @Order(4)
    void secondStaffMemberApproves() throws Exception {
        staff.staffSignIn("approver", null);
        String caseId = caseId(caseUrl);
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
