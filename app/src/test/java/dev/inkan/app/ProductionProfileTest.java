package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ProductionProfileTest {
    @TempDir
    Path home;
    private Map<String, String> env;

    /** A production configuration that passes every check; each test breaks one setting. */
    @BeforeEach
    void compliantProduction() throws Exception {
        Path cert = Files.writeString(home.resolve("acme.pem"), "certificate");
        Path key = Files.writeString(home.resolve("acme-key.pem"), "key");
        Path logList = Files.writeString(home.resolve("chrome-log-list.json"), "{}");
        env = new HashMap<>(Map.ofEntries(
                Map.entry("INKAN_HOME", home.toString()),
                Map.entry("INKAN_PROFILE", "production"),
                Map.entry("INKAN_SANDBOX_HARNESS", "false"),
                Map.entry("INKAN_ISSUANCE_CT_SANDBOX_LOGS", "false"),
                Map.entry("INKAN_ISSUANCE_CT_LOG_LIST", logList.toString()),
                Map.entry("INKAN_NOTIFICATION_SMTP_HOST", "mail.ca.example"),
                Map.entry("INKAN_HSM_PIN", "a-real-pin"),
                Map.entry("INKAN_HSM_SO_PIN", "a-real-so-pin"),
                Map.entry("INKAN_VALIDATION_PROFILE", "production"),
                Map.entry("INKAN_VALIDATION_ALLOW_PRIVATE_ADDRESSES", "false"),
                Map.entry("INKAN_VALIDATION_HTTP01_PORT", "80"),
                Map.entry("INKAN_VALIDATION_TLS_PORT", "443"),
                Map.entry("INKAN_VALIDATION_DNSSEC_TRUST_ANCHORS", "iana"),
                Map.entry("INKAN_STORAGE_URI", "mongodb://inkan:secret@db1.ca.example,db2.ca.example/?replicaSet=rs0"),
                Map.entry("INKAN_ACME_TLS_CERT", cert.toString()),
                Map.entry("INKAN_ACME_TLS_KEY", key.toString()),
                Map.entry("INKAN_ACME_BASE_URL", "https://acme.ca.example"),
                Map.entry("INKAN_ACME_TERMS_OF_SERVICE", "https://ca.example/subscriber-agreement"),
                Map.entry("INKAN_VETTING_REGISTRY_BASE_URL", "https://api.houjin-bangou.nta.go.jp"),
                Map.entry("INKAN_VETTING_REGISTRY_APPLICATION_ID", "ABCDEFGHIJKLM"),
                Map.entry("INKAN_VETTING_SANDBOX_STAFF", "false")));
    }

    private List<String> violations() {
        return ProductionProfile.violations(ConfigLoader.load(env));
    }

    private void assertRefusedNaming(String setting) {
        List<String> found = violations();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith(setting), found.get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProductionProfile.enforce(ConfigLoader.load(env)));
        assertTrue(e.getMessage().contains(setting), e.getMessage());
    }

    @Test
    void testSuccess_compliantProductionStarts() {
        assertEquals(List.of(), violations());
        assertDoesNotThrow(() -> ProductionProfile.enforce(ConfigLoader.load(env)));
    }

    @Test
    void testSuccess_sandboxIsTheDefaultAndIsNotChecked() {
        JsonObject defaults = ConfigLoader.load(Map.of("INKAN_HOME", home.toString()));
        assertEquals(ProductionProfile.SANDBOX, ProductionProfile.of(defaults));
        assertDoesNotThrow(() -> ProductionProfile.enforce(defaults));
        assertFalse(Settings.from(defaults).production());
    }

    @Test
    void testFailure_productionOverSandboxDefaultsNamesEverySetting() {
        JsonObject c = ConfigLoader.load(Map.of("INKAN_HOME", home.toString(), "INKAN_PROFILE", "production"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProductionProfile.enforce(c));
        for (String setting : List.of("sandbox.harness", "issuance.ctSandboxLogs", "notification.smtpHost",
                "issuance.ctLogList", "hsm.pin", "hsm.soPin", "validation.profile", "validation.allowPrivateAddresses",
                "validation.http01Port", "validation.tlsPort", "validation.dnssecTrustAnchors",
                "acme.tlsCert", "acme.termsOfService", "acme.baseUrl")) {
            assertTrue(e.getMessage().contains(setting), setting + " not named in:\n" + e.getMessage());
        }
    }

    @Test
    void testFailure_unknownProfileIsRefused() {
        env.put("INKAN_PROFILE", "prod");
        assertThrows(IllegalArgumentException.class, () -> ProductionProfile.of(ConfigLoader.load(env)));
    }

    @Test
    void testFailure_harnessEnabled() {
        env.put("INKAN_SANDBOX_HARNESS", "true");
        assertRefusedNaming("sandbox.harness");
    }

    @Test
    void testFailure_fakeCtLogsEnabled() {
        env.put("INKAN_ISSUANCE_CT_SANDBOX_LOGS", "true");
        assertRefusedNaming("issuance.ctSandboxLogs");
    }

    @Test
    void testFailure_smtpSinkWouldReceiveNotices() {
        env.put("INKAN_NOTIFICATION_SMTP_HOST", "");
        assertRefusedNaming("notification.smtpHost");
    }

    @Test
    void testFailure_ctLogListMissing() {
        env.put("INKAN_ISSUANCE_CT_LOG_LIST", "");
        assertRefusedNaming("issuance.ctLogList");
    }

    @Test
    void testFailure_ctLogListIsTheSandboxOne() {
        env.put("INKAN_ISSUANCE_CT_LOG_LIST", home.resolve("ct/log-list.json").toString());
        assertRefusedNaming("issuance.ctLogList");
    }

    @Test
    void testFailure_ctLogListUnreadable() {
        env.put("INKAN_ISSUANCE_CT_LOG_LIST", home.resolve("nowhere.json").toString());
        assertRefusedNaming("issuance.ctLogList");
    }

    @Test
    void testFailure_ctLogListWithLogsOnThisMachineIsTheSandboxOne() throws Exception {
        var logs = dev.inkan.harness.ct.FakeCtLogs.sandbox();
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            var started = dev.inkan.harness.ct.FakeCtLogs.start(vertx, logs, java.time.Clock.systemUTC())
                    .toCompletionStage().toCompletableFuture().get();
            try {
                dev.inkan.ct.LogList list = dev.inkan.ct.LogList.parse(started.logList());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> IssuanceServices.refuseSandboxLogs("copied-list.json", list));
                assertTrue(e.getMessage().contains("issuance.ctLogList"), e.getMessage());
            } finally {
                started.stop().toCompletionStage().toCompletableFuture().get();
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void testFailure_sandboxUserPin() {
        env.remove("INKAN_HSM_PIN");
        assertRefusedNaming("hsm.pin");
    }

    @Test
    void testFailure_sandboxSoPin() {
        env.remove("INKAN_HSM_SO_PIN");
        assertRefusedNaming("hsm.soPin");
    }

    @Test
    void testFailure_validationProfileSandbox() {
        env.put("INKAN_VALIDATION_PROFILE", "sandbox");
        assertRefusedNaming("validation.profile");
    }

    @Test
    void testFailure_privateAddressesAllowed() {
        env.put("INKAN_VALIDATION_ALLOW_PRIVATE_ADDRESSES", "true");
        assertRefusedNaming("validation.allowPrivateAddresses");
    }

    @Test
    void testFailure_nonStandardHttp01Port() {
        env.put("INKAN_VALIDATION_HTTP01_PORT", "5002");
        assertRefusedNaming("validation.http01Port");
    }

    @Test
    void testFailure_nonStandardTlsPort() {
        env.put("INKAN_VALIDATION_TLS_PORT", "5001");
        assertRefusedNaming("validation.tlsPort");
    }

    @Test
    void testFailure_noDnssecTrustAnchors() {
        env.put("INKAN_VALIDATION_DNSSEC_TRUST_ANCHORS", "");
        assertRefusedNaming("validation.dnssecTrustAnchors");
    }

    @Test
    void testSuccess_embeddedStoreAuthenticatesWithItsOwnCredential() {
        env.put("INKAN_STORAGE_URI", "");
        assertEquals(List.of(), violations());
    }

    @Test
    void testFailure_embeddedStoreCredentialReadableByOthers() throws Exception {
        env.put("INKAN_STORAGE_URI", "");
        Path credential = Files.createDirectories(home.resolve("store")).resolve("credential");
        Files.writeString(credential, "user=inkan\npassword=x\n");
        Files.setPosixFilePermissions(credential, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(violations().stream().anyMatch(m -> m.contains(credential.toString())), violations().toString());
    }

    @Test
    void testFailure_vettingAgainstTheFakeRegistry() {
        env.remove("INKAN_VETTING_REGISTRY_BASE_URL");
        assertRefusedNaming("vetting.registryBaseUrl");
    }

    @Test
    void testFailure_sandboxStaffLogins() {
        env.put("INKAN_VETTING_SANDBOX_STAFF", "true");
        assertRefusedNaming("vetting.sandboxStaff");
    }

    @Test
    void testFailure_storeWithoutCredentials() {
        env.put("INKAN_STORAGE_URI", "mongodb://db1.ca.example/?replicaSet=rs0");
        assertRefusedNaming("storage.uri");
    }

    @Test
    void testSuccess_storeWithX509Authentication() {
        env.put("INKAN_STORAGE_URI", "mongodb://db1.ca.example/?authMechanism=MONGODB-X509&tls=true");
        assertEquals(List.of(), violations());
    }

    @Test
    void testFailure_acmeListenerOnSandboxCertificate() {
        env.remove("INKAN_ACME_TLS_CERT");
        env.remove("INKAN_ACME_TLS_KEY");
        assertRefusedNaming("acme.tlsCert");
    }

    @Test
    void testSuccess_plainHttpBehindProxyIsExplicit() {
        env.remove("INKAN_ACME_TLS_CERT");
        env.remove("INKAN_ACME_TLS_KEY");
        env.put("INKAN_ACME_PLAIN_HTTP_BEHIND_PROXY", "true");
        assertEquals(List.of(), violations());
    }

    @Test
    void testFailure_sandboxTermsOfService() {
        env.put("INKAN_ACME_TERMS_OF_SERVICE", "");
        assertRefusedNaming("acme.termsOfService");
    }

    @Test
    void testFailure_loopbackBaseUrl() {
        env.put("INKAN_ACME_BASE_URL", "https://localhost:14000");
        assertRefusedNaming("acme.baseUrl");
    }

    private static final java.util.regex.Pattern SETTING = java.util.regex.Pattern.compile(
            "\\b(sandbox|issuance|notification|hsm|validation|storage|acme|vetting)\\.[a-zA-Z0-9]+");

    private static java.util.Set<String> settingsIn(String text) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher m = SETTING.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The settings the rows of docs/operating.md's production checklist name. */
    private static java.util.Set<String> checklistSettings() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "operating.md"));
        String section = doc.substring(doc.indexOf("## Production checklist"));
        section = section.substring(0, section.indexOf("\n## ", 5));
        StringBuilder rows = new StringBuilder();
        section.lines().filter(l -> l.startsWith("| `")).forEach(l -> rows.append(l).append('\n'));
        return settingsIn(rows.toString());
    }

    @Test
    void testSuccess_theDocumentedChecklistNamesExactlyWhatTheProfileRefuses() throws Exception {
        java.util.Set<String> documented = checklistSettings();
        // every check fires on the sandbox defaults but the store's (a loose credential file) and the proxy choice
        Path credential = Files.createDirectories(home.resolve("store")).resolve("credential");
        Files.writeString(credential, "user=inkan\npassword=x\n");
        Files.setPosixFilePermissions(credential, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        List<String> found = new java.util.ArrayList<>(ProductionProfile.violations(ConfigLoader.load(
                Map.of("INKAN_HOME", home.toString(), "INKAN_PROFILE", "production"))));
        env.put("INKAN_ACME_PLAIN_HTTP_BEHIND_PROXY", "true");
        found.addAll(violations());
        java.util.Set<String> refused = settingsIn(String.join("\n", found));
        refused.add("storage.uri"); // the credential message names the file, the checklist its setting
        // the switches the checklist names as conditions ("when vetting.enabled")
        refused.addAll(List.of("notification.enabled", "vetting.enabled"));
        assertEquals(documented, refused);
    }
}
