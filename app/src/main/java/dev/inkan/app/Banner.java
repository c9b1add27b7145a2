package dev.inkan.app;

import dev.inkan.core.model.CaCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What {@code serve} prints once it listens: where things are and two client commands that work as shown. */
final class Banner {
    private Banner() {}

    static String text(Settings s, SandboxTls tls, List<CaCertificate> certs) {
        String dir = s.acme().baseUrl() + "/directory";
        StringBuilder b = new StringBuilder();
        if (s.production()) {
            b.append("\nInkan is running (profile production).\n\n");
        } else {
            b.append("\nInkan is running the SANDBOX (profile sandbox): test certificates from an untrusted root,"
                    + " mock DNS,\nfake CT logs. Not for production: see the production checklist in docs/operating.md.\n\n");
        }
        b.append("  ACME directory   ").append(dir).append('\n');
        if (tls != null) {
            b.append("  TLS trust root   ").append(tls.rootPem).append('\n');
        }
        b.append("  CA certificates  ").append(s.caExportDir()).append(" (");
        b.append(String.join(", ", certs.stream().map(c -> c.id() + ".pem").toList())).append(")\n");
        b.append("                   ").append(s.publicBaseUrl()).append("/ca/\n");
        if (s.harness() != null) {
            b.append("  mock DNS         ").append(s.harness().dns()).append(" (every name is 127.0.0.1)\n");
            b.append("  DNS management   http://").append(s.harness().management()).append(" (pebble-challtestsrv API)\n");
        }
        b.append("  CRLs             ").append(s.publicBaseUrl()).append("/crl/dv.crl, ").append(s.publicBaseUrl())
                .append("/crl/ov.crl\n");
        b.append("  OCSP             ").append(s.publicBaseUrl()).append("/ocsp/dv, ").append(s.publicBaseUrl())
                .append("/ocsp/ov\n");
        if (s.harness() != null && s.revocation().notification().smtpHost().isEmpty()) {
            b.append("  subscriber mail  ").append(s.home().resolve("mail")).append(" (the SMTP sink keeps it)\n");
        }
        if (s.vetting().enabled()) {
            b.append("  OV portal        ").append(s.vetting().portalBaseUrl()).append("/ (applicants)\n");
            b.append("  vetting console  ").append(s.vetting().consoleBaseUrl()).append("/ (staff: password + TOTP)\n");
            sandboxStaff(b, s);
        }
        b.append("  http-01 port     ").append(s.validation().http01Port()).append('\n');
        b.append("  state            ").append(s.home()).append('\n');
        if (tls == null) {
            b.append("\nCtrl-C stops it.\n");
            return b.toString();
        }
        b.append("\nTry:\n\n");
        b.append("  REQUESTS_CA_BUNDLE=").append(tls.rootPem).append(" certbot certonly --non-interactive --standalone \\\n")
                .append("    --http-01-port ").append(s.validation().http01Port()).append(" --http-01-address 127.0.0.1 \\\n")
                .append("    --server ").append(dir).append(" --agree-tos --register-unsafely-without-email \\\n")
                .append("    --config-dir /tmp/inkan-certbot/config --work-dir /tmp/inkan-certbot/work \\\n")
                .append("    --logs-dir /tmp/inkan-certbot/logs -d test1.example.com -d www.test1.example.com\n\n");
        b.append("  LEGO_CA_CERTIFICATES=").append(tls.rootPem).append(" lego --server ").append(dir).append(" \\\n")
                .append("    --accept-tos --email admin@example.com --path /tmp/inkan-lego --domains test2.example.com \\\n")
                .append("    --http --http.port 127.0.0.1:").append(s.validation().http01Port()).append(" run\n\n");
        if (s.orderApi().enabled()) {
            String api = s.orderApi().config().baseUrl() + "/api/v1";
            b.append("Reseller order API: ").append(api).append(" (OpenAPI document: ").append(api)
                    .append("/openapi.json)\n");
            b.append("Create a sandbox reseller and its API key (shown once), then call the API with it:\n\n");
            b.append("  ./inkan reseller create --name \"Sandbox Reseller\" --email reseller@example.com\n");
            b.append("  ./inkan reseller key-create --reseller <the id it printed>\n");
            b.append("  curl --cacert ").append(tls.rootPem).append(" -H \"Authorization: Bearer <key>\" ")
                    .append(api).append("/reseller\n\n");
            b.append("  (docs/reseller-api.md walks through a whole order)\n\n");
        }
        b.append("Ctrl-C stops it; the next serve reuses the same data and keys.\n");
        return b.toString();
    }

    /** The sandbox staff logins made on first start (the file is 0600 in the state directory). */
    private static void sandboxStaff(StringBuilder b, Settings s) {
        Path f = VettingServices.staffFile(s);
        if (s.production() || !Files.isRegularFile(f)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(f)) {
                String[] p = line.split(" ", 3);
                if (p.length == 3) {
                    b.append("    staff login    ").append(p[0]).append(" / ").append(p[1]).append("  ").append(p[2])
                            .append('\n');
                }
            }
            b.append("                   (the console asks each login to enrol a TOTP authenticator at first sign-in)\n");
        } catch (IOException e) {
            b.append("    staff logins   see ").append(f).append('\n');
        }
    }
}
