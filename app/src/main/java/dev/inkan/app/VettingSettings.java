package dev.inkan.app;

import io.vertx.core.json.JsonObject;

/**
 * Organization vetting's two HTTPS listeners and its corporate-number registry.
 *
 * @param registryBaseUrl       the 法人番号システム Web-API base (production: https://api.houjin-bangou.nta.go.jp); empty in
 *                              the sandbox, which starts the harness's fake
 * @param registryApplicationId the application ID the National Tax Agency issued
 * @param sandboxStaff          create the sandbox staff logins on first start
 * @param directory             where evidence documents (and upload spool files) live; empty: INKAN_HOME/vetting.
 *                              Front ends behind a balancer share one (a network file system): an applicant's upload
 *                              on one must be readable by the officer's console on another
 */
record VettingSettings(boolean enabled, Settings.Listener portalListen, String portalBaseUrl,
        Settings.Listener consoleListen, String consoleBaseUrl, String registryBaseUrl, String registryApplicationId,
        boolean sandboxStaff, String directory) {

    static VettingSettings from(JsonObject v) {
        return new VettingSettings(v.getBoolean("enabled", true),
                Settings.Listener.parse("vetting.portalListen", v.getString("portalListen")),
                v.getString("portalBaseUrl").replaceAll("/+$", ""),
                Settings.Listener.parse("vetting.consoleListen", v.getString("consoleListen")),
                v.getString("consoleBaseUrl").replaceAll("/+$", ""),
                v.getString("registryBaseUrl", ""), v.getString("registryApplicationId", ""),
                v.getBoolean("sandboxStaff", false), v.getString("directory", ""));
    }

    /** The evidence directory: configured, else {@code vetting} under INKAN_HOME. */
    java.nio.file.Path directoryUnder(java.nio.file.Path home) {
        return directory.isBlank() ? home.resolve("vetting") : java.nio.file.Path.of(directory);
    }
}
