package dev.inkan.app;

import dev.inkan.storage.StoreCredential;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code profile} switch. {@value #SANDBOX} (the default) runs the laptop sandbox; {@value #PRODUCTION} fails
 * closed: the process refuses to start while any setting would give it sandbox behaviour, and says which ones. The
 * production checklist in docs/operating.md lists exactly these checks; keep the two in step.
 */
final class ProductionProfile {
    static final String SANDBOX = "sandbox";
    static final String PRODUCTION = "production";
    /** The PINs the sandbox token is made with; a production token never uses them. */
    static final String SANDBOX_PIN = "inkan-sandbox-pin";
    static final String SANDBOX_SO_PIN = "inkan-sandbox-so-pin";

    private ProductionProfile() {}

    /** The profile the loaded configuration names; anything else stops the start. */
    static String of(JsonObject config) {
        String p = config.getString("profile", SANDBOX).trim().toLowerCase(Locale.ROOT);
        if (!p.equals(SANDBOX) && !p.equals(PRODUCTION)) {
            throw new IllegalArgumentException("profile must be \"" + SANDBOX + "\" or \"" + PRODUCTION + "\", not \""
                    + config.getString("profile") + "\"");
        }
        return p;
    }

    /** Stops the start with every offending setting named when the profile is production. */
    static void enforce(JsonObject config) {
        if (!of(config).equals(PRODUCTION)) {
            return;
        }
        List<String> found = violations(config);
        if (!found.isEmpty()) {
            throw new IllegalArgumentException("profile production refuses to start; fix these settings:\n  - "
                    + String.join("\n  - ", found));
        }
    }

    /** Each setting that gives a production CA sandbox behaviour, one message per setting. */
    static List<String> violations(JsonObject c) {
        List<String> v = new ArrayList<>();
        Path home = Path.of(c.getString("home", "var"));
        harness(c, v);
        ctLogList(c.getJsonObject("issuance"), home, v);
        hsm(c.getJsonObject("hsm"), v);
        validation(c.getJsonObject("validation"), v);
        storage(c.getJsonObject("storage"), home, v);
        acmeTls(c.getJsonObject("acme"), v);
        vetting(c.getJsonObject("vetting"), v);
        return v;
    }

    private static void vetting(JsonObject vet, List<String> v) {
        if (vet == null || !vet.getBoolean("enabled", true)) {
            return;
        }
        if (vet.getString("registryBaseUrl", "").isEmpty() || vet.getString("registryApplicationId", "").isEmpty()) {
            v.add("vetting.registryBaseUrl and vetting.registryApplicationId must name the 法人番号システム Web-API"
                    + " (https://api.houjin-bangou.nta.go.jp) and the application ID the NTA issued; empty runs a fake");
        }
        if (vet.getBoolean("sandboxStaff", false)) {
            v.add("vetting.sandboxStaff is true: staff logins with printed passwords; set it to false and create staff"
                    + " in the console");
        }
    }

    private static void harness(JsonObject c, List<String> v) {
        if (c.getJsonObject("sandbox").getBoolean("harness", false)) {
            v.add("sandbox.harness is true: the mock DNS (every name answers 127.0.0.1) and its management API"
                    + " would run; set it to false");
        }
        if (c.getJsonObject("issuance").getBoolean("ctSandboxLogs", false)) {
            v.add("issuance.ctSandboxLogs is true: fake CT logs would sign SCTs no browser accepts; set it to false");
        }
        JsonObject n = c.getJsonObject("notification");
        if (n.getBoolean("enabled", true) && n.getString("smtpHost", "").isBlank()) {
            v.add("notification.smtpHost is empty: subscriber notices (CP 002 §4.3.2) would go to the sandbox SMTP"
                    + " sink; name the mail relay");
        }
    }

    private static void ctLogList(JsonObject i, Path home, List<String> v) {
        String list = i.getString("ctLogList", "").trim();
        if (list.isEmpty()) {
            v.add("issuance.ctLogList is empty: every certificate is logged before issuance; name Chrome's v3 log"
                    + " list (file or https URL)");
        } else if (!list.startsWith("https://") && !list.startsWith("http://")
                && Path.of(list).toAbsolutePath().normalize().equals(home.resolve("ct/log-list.json").normalize())) {
            v.add("issuance.ctLogList is " + list + ", the list the sandbox writes for its fake CT logs");
        } else if (list.startsWith("http://")) {
            v.add("issuance.ctLogList is fetched over plain HTTP (" + list + "); use https or a local file");
        } else if (!list.startsWith("https://") && !Files.isReadable(Path.of(list))) {
            v.add("issuance.ctLogList names " + list + ", which cannot be read");
        }
    }

    private static void hsm(JsonObject h, List<String> v) {
        if (SANDBOX_PIN.equals(h.getString("pin"))) {
            v.add("hsm.pin is the sandbox PIN; set the token's PIN through INKAN_HSM_PIN");
        }
        if (SANDBOX_SO_PIN.equals(h.getString("soPin"))) {
            v.add("hsm.soPin is the sandbox security-officer PIN; set it through INKAN_HSM_SO_PIN");
        }
    }

    private static void validation(JsonObject val, List<String> v) {
        if (!"production".equals(val.getString("profile", "sandbox"))) {
            v.add("validation.profile is \"" + val.getString("profile") + "\"; it must be \"production\" (BR ports,"
                    + " public addresses, DNSSEC, MPIC minimums)");
        }
        if (val.getBoolean("allowPrivateAddresses", false)) {
            v.add("validation.allowPrivateAddresses is true: validation would connect to loopback and private"
                    + " addresses (BR 3.2.2.4.19); set it to false");
        }
        long http = val.getLong("http01Port", 0L);
        if (http != 80) {
            v.add("validation.http01Port is " + http + "; http-01 connects to port 80 (RFC 8555 §8.3, BR 1.6.1"
                    + " Authorized Ports)");
        }
        long tls = val.getLong("tlsPort", 0L);
        if (tls != 443) {
            v.add("validation.tlsPort is " + tls + "; tls-alpn-01 connects to port 443 (RFC 8737 §3)");
        }
        if (val.getString("dnssecTrustAnchors", "").isBlank()) {
            v.add("validation.dnssecTrustAnchors is empty: DNS answers would not be DNSSEC-validated (BR 3.2.2.4,"
                    + " 3.2.2.8.1); set it to \"iana\" or a file of trust anchors");
        }
    }

    private static void storage(JsonObject s, Path home, List<String> v) {
        String uri = s.getString("uri", "").trim();
        if (uri.isEmpty()) {
            // The embedded store authenticates every connection (SCRAM-SHA-256) with the random credential it
            // keeps in INKAN_HOME/store/credential; one others can read is no secret.
            Path credential = StoreCredential.fileFor(home.resolve("store/inkan.mv"));
            if (Files.exists(credential) && !ownerOnly(credential)) {
                v.add("the embedded store's credential " + credential + " can be read by others; chmod 600 it, or"
                        + " delete it to have a new one made (storage.uri empty)");
            }
            return;
        }
        if (!authenticated(uri)) {
            v.add("storage.uri connects without credentials; give a user and password (from the environment,"
                    + " INKAN_STORAGE_URI) or authMechanism=MONGODB-X509");
        }
    }

    private static boolean ownerOnly(Path file) {
        try {
            return PosixFilePermissions.fromString("rw-------").containsAll(Files.getPosixFilePermissions(file));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A connection string authenticates when it carries a user or names an authentication mechanism. */
    static boolean authenticated(String uri) {
        if (uri.contains("authMechanism=")) {
            return true;
        }
        String rest = uri.replaceFirst("^mongodb(\\+srv)?://", "");
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        return hosts.contains("@") && hosts.indexOf('@') > 0;
    }

    private static void acmeTls(JsonObject a, List<String> v) {
        boolean behindProxy = a.getBoolean("plainHttpBehindProxy", false);
        boolean cert = !a.getString("tlsCert", "").isBlank();
        boolean key = !a.getString("tlsKey", "").isBlank();
        if (behindProxy && (cert || key)) {
            v.add("acme.plainHttpBehindProxy is true and acme.tlsCert/tlsKey are set; choose one");
        } else if (!behindProxy && !(cert && key)) {
            v.add("acme.tlsCert and acme.tlsKey are not both set: the ACME listener would use the sandbox TLS"
                    + " certificate; configure the server certificate and key, or set acme.plainHttpBehindProxy to"
                    + " true behind a TLS-terminating proxy");
        }
        if (cert && key) {
            for (String k : List.of("tlsCert", "tlsKey")) {
                if (!Files.isReadable(Path.of(a.getString(k)))) {
                    v.add("acme." + k + " names " + a.getString(k) + ", which cannot be read");
                }
            }
        }
        if (a.getString("termsOfService", "").isBlank()) {
            v.add("acme.termsOfService is empty: the directory would link to the sandbox terms; name the subscriber"
                    + " agreement's URL");
        }
        String base = a.getString("baseUrl", "");
        if (!base.startsWith("https://")) {
            v.add("acme.baseUrl is " + base + "; ACME clients reach the CA over https (RFC 8555 §6.1)");
        } else {
            String host = URI.create(base).getHost();
            if (host == null || host.equals("localhost") || host.startsWith("127.")) {
                v.add("acme.baseUrl is " + base + ", a loopback address no client outside this machine reaches");
            }
        }
    }
}
