package dev.inkan.app;

import dev.inkan.ct.CtSubmitterConfig;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The {@code issuance} section: Certificate Transparency and crash recovery.
 *
 * @param ctLogList          a Chrome v3 log list, file path or http(s) URL; "" for none
 * @param ctSandboxLogs      with the sandbox harness on and no log list, start three fake logs in-process
 * @param interruptedAfter   orders PROCESSING this long were cut by a stop or a crash and are failed
 * @param ctLogListKey       PEM file of the key the log list is signed with (Google's log_list_pubkey.pem); "" for
 *                           a list that comes unsigned
 * @param ctLogListSignature where the list's signature is; "" for the list's location with .json replaced by .sig
 * @param ctLogListRefresh   how often the list is read again
 * @param finalizeWait       how long finalize waits for the issued certificate before answering "processing"
 */
record IssuanceSettings(String ctLogList, boolean ctSandboxLogs, CtSubmitterConfig ct, Duration interruptedAfter,
        String ctLogListKey, String ctLogListSignature, Duration ctLogListRefresh, Duration finalizeWait) {

    static IssuanceSettings from(JsonObject s) {
        JsonObject c = s == null ? new JsonObject() : s;
        CtSubmitterConfig d = CtSubmitterConfig.defaults();
        return new IssuanceSettings(c.getString("ctLogList", "").trim(), c.getBoolean("ctSandboxLogs", true),
                new CtSubmitterConfig(c.getInteger("ctAttempts", d.attempts()),
                        Duration.ofMillis(c.getLong("ctAttemptTimeoutMillis", d.attemptTimeout().toMillis())),
                        Duration.ofMillis(c.getLong("ctBackoffMillis", d.backoff().toMillis())),
                        Duration.ofMillis(c.getLong("ctStaggerMillis", d.stagger().toMillis()))),
                Duration.ofSeconds(c.getLong("interruptedAfterSeconds", 300L)),
                c.getString("ctLogListKey", "").trim(), c.getString("ctLogListSignature", "").trim(),
                Duration.ofMinutes(Math.max(1, c.getLong("ctLogListRefreshMinutes", 1440L))),
                Duration.ofMillis(Math.max(0, c.getLong("finalizeWaitMillis", 3000L))));
    }
}
