package dev.inkan.app;

import io.vertx.core.json.JsonObject;

/**
 * Organization vetting's two HTTPS listeners and its corporate-number registry.
 *
 * @param registryBaseUrl       the 法人番号システム Web-API base (production: https://api.houjin-bangou.nta.go.jp); empty in
 *                              the sandbox, which starts the harness's fake
 * @param registryApplicationId the application ID the National Tax Agency issued
 * @param sandboxStaff          create the sandbox staff logins on first start
 */
record VettingSettings(boolean enabled, Settings.Listener portalListen, String portalBaseUrl,
        Settings.Listener consoleListen, String consoleBaseUrl, String registryBaseUrl, String registryApplicationId,
        boolean sandboxStaff) {

    static VettingSettings from(JsonObject v) {
        return new VettingSettings(v.getBoolean("enabled", true),
                Settings.Listener.parse("vetting.portalListen", v.getString("portalListen")),
                v.getString("portalBaseUrl").replaceAll("/+$", ""),
                Settings.Listener.parse("vetting.consoleListen", v.getString("consoleListen")),
                v.getString("consoleBaseUrl").replaceAll("/+$", ""),
                v.getString("registryBaseUrl", ""), v.getString("registryApplicationId", ""),
                v.getBoolean("sandboxStaff", false));
    }
}
