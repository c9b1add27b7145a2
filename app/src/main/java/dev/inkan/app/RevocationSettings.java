package dev.inkan.app;

import dev.inkan.ca.crl.CrlSchedule;
import dev.inkan.ca.ocsp.OcspSchedule;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The {@code revocation} and {@code notification} sections: CRL and OCSP cadence, ARI, the staff admin
 * endpoint, and the subscriber emails (CP 002 §2.3, §4.3.2, §4.9, tables 7.2.1 and 7.3.1).
 *
 * @param crl               CRLs: every {@code crlIntervalHours} (24), valid {@code crlValidityHours} (96), partitioned
 *                          into {@code crlShards} per CA (1: one full CRL), revocations elsewhere noticed within
 *                          {@code crlPollSeconds}
 * @param ocsp              OCSP answers valid {@code ocspValidityHours} (96), signed again after
 *                          {@code ocspRefreshHours} (48), at most {@code ocspMaxCached} held
 * @param ariExplanationUrl the page ARI names for revoked certificates; "" for none
 * @param admin             the loopback listener of the staff commands ({@code inkan revoke}); port 0 picks one
 * @param notification      the SMTP relay and sender of subscriber emails
 */
record RevocationSettings(CrlSchedule crl, OcspSchedule ocsp, String ariExplanationUrl, Settings.Listener admin,
        NotificationSettings notification) {

    /**
     * @param enabled     false sends no email at all
     * @param smtpHost    the relay; "" with the sandbox harness on means the harness's own SMTP sink
     * @param smtpPort    the relay's port
     * @param from        the sender address
     * @param sinkListen  where the sandbox SMTP sink listens (loopback; port 0 picks one); messages are also
     *                    written to {@code $INKAN_HOME/mail}
     */
    record NotificationSettings(boolean enabled, String smtpHost, int smtpPort, String from, String sinkListen) {}

    static RevocationSettings from(JsonObject revocation, JsonObject notification) {
        JsonObject r = revocation == null ? new JsonObject() : revocation;
        JsonObject n = notification == null ? new JsonObject() : notification;
        CrlSchedule d = CrlSchedule.defaults();
        OcspSchedule o = OcspSchedule.defaults();
        CrlSchedule crl = new CrlSchedule(
                Duration.ofHours(r.getLong("crlIntervalHours", d.interval().toHours())),
                Duration.ofHours(r.getLong("crlValidityHours", d.validity().toHours())),
                Duration.ofSeconds(r.getLong("crlPollSeconds", d.pollEvery().toSeconds())),
                r.getInteger("crlShards", d.shards()),
                d.expiredGrace());
        OcspSchedule ocsp = new OcspSchedule(
                Duration.ofHours(r.getLong("ocspValidityHours", o.validity().toHours())),
                Duration.ofHours(r.getLong("ocspRefreshHours", o.refreshAfter().toHours())),
                o.refreshEvery(),
                r.getInteger("ocspMaxCached", o.maxCached()));
        Settings.Listener admin = Settings.Listener.parse("revocation.adminListen", r.getString("adminListen", "127.0.0.1:0"));
        if (!admin.host().equals("127.0.0.1") && !admin.host().equals("::1") && !admin.host().equals("localhost")) {
            throw new IllegalArgumentException("revocation.adminListen must be a loopback address, not " + admin.host());
        }
        return new RevocationSettings(crl, ocsp, r.getString("ariExplanationUrl", "").trim(), admin,
                new NotificationSettings(n.getBoolean("enabled", true), n.getString("smtpHost", "").trim(),
                        n.getInteger("smtpPort", 25), n.getString("from", "Inkan CA <ca@inkan.invalid>"),
                        n.getString("sinkListen", "127.0.0.1:0")));
    }
}
