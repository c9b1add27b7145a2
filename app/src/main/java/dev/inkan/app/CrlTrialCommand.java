package dev.inkan.app;

import dev.inkan.ca.CaIds;
import dev.inkan.ca.crl.CrlSizeTrial;
import dev.inkan.ca.hsm.SoftHsmToken;
import dev.inkan.ca.hsm.TokenSigner;
import dev.inkan.core.model.CaCertificate;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * {@code inkan crl-trial --entries N}: builds, lints, signs in the HSM and verifies one CRL of N synthetic entries
 * for the DV issuing CA, and prints how long that took. The bench runs it (status at scale); it stores and publishes
 * nothing, so it is harmless on a running CA's token, but it is meant for a bench's own INKAN_HOME.
 */
final class CrlTrialCommand {
    private static final int MAX_ENTRIES = 10_000_000;

    private CrlTrialCommand() {}

    static int run(Settings settings, String[] args, PrintStream out) {
        int entries;
        if (args.length == 2 && args[0].equals("--entries")) {
            try {
                entries = Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                entries = -1;
            }
        } else {
            entries = -1;
        }
        if (entries < 0 || entries > MAX_ENTRIES) {
            out.println("usage: inkan crl-trial --entries N   (0 to " + MAX_ENTRIES + ")");
            return 2;
        }
        Clock clock = Clock.systemUTC();
        Vertx vertx = Vertx.vertx();
        try {
            List<CaCertificate> hierarchy = Main.await(CaService.ceremony(vertx, settings, clock));
            CaCertificate dv = hierarchy.stream().filter(c -> c.id().equals(CaIds.DV)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the ceremony made no DV issuing CA"));
            SoftHsmToken token = Main.await(SoftHsmToken.open(vertx, settings.hsm()));
            TokenSigner signer = Main.await(TokenSigner.load(vertx, token, List.of(CaIds.DV)));
            CrlSizeTrial.Result r = Main.await(CrlSizeTrial.run(vertx, signer, dv, entries, clock.instant()));
            // one line the bench reads: keep its shape
            out.printf("crl-trial ca=%s entries=%d bytes=%d millis=%d%n", r.caId(), r.entries(), r.bytes(), r.millis());
            return 0;
        } finally {
            Main.await(vertx.close());
        }
    }
}
