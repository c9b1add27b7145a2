package dev.inkan.ca.hsm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the HSM token lives and how to log in to it. The PINs never appear in {@link #toString()} or a log.
 *
 * @param library    the PKCS#11 module
 * @param tokenLabel the token's label; the slot is found by it, never by index (slot ids change on init)
 * @param userPin    the user (CKU_USER) PIN used to log in
 * @param soPin      the security officer PIN, used only when the token is first created
 * @param confFile   the softhsm2.conf that SOFTHSM2_CONF must point at
 * @param tokenDir   the directory SoftHSM keeps its tokens in
 */
public record HsmConfig(Path library, String tokenLabel, String userPin, String soPin, Path confFile, Path tokenDir) {
    public static final Path DEFAULT_LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String DEFAULT_LABEL = "inkan";

    public HsmConfig {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(tokenLabel, "tokenLabel");
        Objects.requireNonNull(userPin, "userPin");
        Objects.requireNonNull(soPin, "soPin");
        Objects.requireNonNull(confFile, "confFile");
        Objects.requireNonNull(tokenDir, "tokenDir");
        // PKCS#11 CK_TOKEN_INFO.label is 32 bytes, blank padded
        if (tokenLabel.isBlank() || tokenLabel.length() > 32) {
            throw new IllegalArgumentException("token label must be 1 to 32 characters: '" + tokenLabel + "'");
        }
        confFile = confFile.toAbsolutePath().normalize();
        tokenDir = tokenDir.toAbsolutePath().normalize();
    }

    /** The sandbox layout: conf and tokens under {@code INKAN_HOME/softhsm}, the Debian library, label "inkan". */
    public static HsmConfig sandbox(Path inkanHome, String userPin, String soPin) {
        Path dir = inkanHome.resolve("softhsm");
        return new HsmConfig(DEFAULT_LIBRARY, DEFAULT_LABEL, userPin, soPin,
                dir.resolve("softhsm2.conf"), dir.resolve("tokens"));
    }

    public HsmConfig withTokenLabel(String label) {
        return new HsmConfig(library, label, userPin, soPin, confFile, tokenDir);
    }

    public HsmConfig withUserPin(String pin) {
        return new HsmConfig(library, tokenLabel, pin, soPin, confFile, tokenDir);
    }

    @Override
    public String toString() {
        return "HsmConfig[library=" + library + ", tokenLabel=" + tokenLabel + ", userPin=****, soPin=****, confFile="
                + confFile + ", tokenDir=" + tokenDir + "]";
    }
}
