package dev.inkan.app;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.RenewalFlag;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.CertificateEvents;
import dev.inkan.ra.StaffRevocation;
import dev.inkan.ra.StatusServices;
import dev.inkan.storage.Storage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code inkan revoke --serial HEX --reason NAME [--staff NAME]} and {@code inkan renew-now --serial HEX
 * [--explanation URL] [--staff NAME]}: CA staff acting on one certificate (CP 002 §4.9.2: the CA as revocation
 * requester; RFC 9773: renew now).
 *
 * <p>While a server runs on this INKAN_HOME, the command goes through its loopback staff endpoint
 * ({@code admin.json}), so the server revokes, publishes a new CRL and re-signs the OCSP answer at once. With no
 * server running it works on the store directly and records the revocation count; the server makes fresh CRLs and
 * OCSP answers when it starts, and a server on a shared database notices the count within seconds.
 */
final class StaffCommand {
    private final Settings settings;
    private final PrintStream out;
    private final Clock clock;

    StaffCommand(Settings settings, PrintStream out, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    /** @return the process exit code: 0 done, 1 refused or failed, 2 bad arguments */
    int run(String command, String[] args) {
        Map<String, String> opts;
        try {
            opts = options(args);
        } catch (IllegalArgumentException e) {
            out.println("inkan " + command + ": " + e.getMessage());
            return 2;
        }
        String serial = opts.get("serial");
        if (serial == null) {
            out.println("usage: inkan revoke --serial HEX --reason NAME [--staff NAME]\n"
                    + "       inkan renew-now --serial HEX [--explanation URL] [--staff NAME]");
            return 2;
        }
        String staff = opts.getOrDefault("staff", System.getProperty("user.name", "staff"));
        JsonObject request = new JsonObject().put("serial", serial).put("staff", staff);
        if (command.equals("revoke")) {
            try {
                RevocationReasons.parse(opts.getOrDefault("reason", "unspecified"));
            } catch (IllegalArgumentException e) {
                out.println("inkan revoke: " + e.getMessage());
                return 2;
            }
            request.put("reason", opts.getOrDefault("reason", "unspecified"));
        } else {
            request.put("explanationUrl", opts.get("explanation"));
        }
        Path adminFile = settings.home().resolve(AdminListener.FILE);
        if (Files.isRegularFile(adminFile)) {
            try {
                return throughServer(command, adminFile, request);
            } catch (ConnectException e) {
                out.println("no server answers at the address in " + adminFile + "; working on the store directly");
            } catch (IOException e) {
                out.println("inkan " + command + ": the server's staff endpoint failed: " + e.getMessage());
                return 1;
            }
        }
        return direct(command, request);
    }

    private int throughServer(String command, Path adminFile, JsonObject request) throws IOException {
        StaffEndpointClient.Answer r = StaffEndpointClient.post(adminFile, command, request);
        JsonObject body = r.body();
        if (r.status() != 200) {
            out.println("inkan " + command + ": " + body.getString("error") + ": " + body.getString("detail"));
            return 1;
        }
        if (command.equals("revoke")) {
            out.println("revoked " + body.getString("serial") + " (" + body.getString("reason") + ") at "
                    + body.getString("revokedAt") + "; the server published a new CRL of "
                    + body.getString("issuerId") + " and the OCSP answer says revoked");
        } else {
            out.println("flagged " + body.getString("serial") + " for renewal now; ARI tells its client to renew");
        }
        return 0;
    }

    private int direct(String command, JsonObject request) {
        Vertx vertx = Vertx.vertx();
        Storage storage = null;
        try {
            storage = Main.await(Storage.open(vertx, settings.storage(), clock));
            StaffRevocation staff = new StaffRevocation(storage.stores().certificates(), storage.stores().audit(),
                    new StatusServices(storage.blockedKeys(), storage.crlCounters(), storage.renewals(),
                            CertificateEvents.NONE, null), clock);
            if (command.equals("revoke")) {
                RevocationReason reason = RevocationReasons.parse(request.getString("reason"));
                CertificateRecord c = Main.await(staff.revoke(request.getString("serial"), reason,
                        request.getString("staff")));
                out.println("revoked " + c.serial() + " (" + RevocationReasons.name(reason) + ") at " + c.revokedAt()
                        + " in the store; no server runs here: it publishes fresh CRLs and OCSP answers when it starts");
            } else {
                RenewalFlag f = Main.await(staff.flagForRenewal(request.getString("serial"),
                        request.getString("explanationUrl"), request.getString("staff")));
                out.println("flagged " + f.serial() + " for renewal now; ARI tells its client to renew");
            }
            return 0;
        } catch (CaException e) {
            out.println("inkan " + command + ": " + errorName(e.kind()) + ": " + e.detail());
            return 1;
        } catch (RuntimeException e) {
            out.println("inkan " + command + ": cannot open the store " + settings.storage().embeddedFile()
                    + " (is a server using it without its staff endpoint?): " + e.getMessage());
            return 1;
        } finally {
            if (storage != null) {
                Main.await(storage.close());
            }
            Main.await(vertx.close());
        }
    }

    /** The ACME error name, except for a missing certificate, which ACME has no name of its own for. */
    static String errorName(ErrorKind kind) {
        return kind == ErrorKind.NOT_FOUND ? "notFound" : kind.acmeName();
    }

    /** {@code --name value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got \"" + args[i] + "\"");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }
}
