package dev.inkan.ca;

import dev.inkan.ca.hsm.HsmConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SoftHSM tokens for tests, in the token directory next to the SOFTHSM2_CONF that surefire exports
 * ({@code target/softhsm}). SoftHSM reads its token list once per process, so a test class creates every token
 * it needs before it opens the first one.
 */
public final class TestTokens {
    public static final String USER_PIN = "4711";
    public static final String SO_PIN = "0815";

    private TestTokens() {}

    public static Path confFile() {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            throw new IllegalStateException("run the tests through Maven: surefire exports SOFTHSM2_CONF");
        }
        return Path.of(conf).toAbsolutePath().normalize();
    }

    public static HsmConfig config(String label) {
        Path conf = confFile();
        return new HsmConfig(HsmConfig.DEFAULT_LIBRARY, label, USER_PIN, SO_PIN, conf,
                conf.getParent().resolve("tokens"));
    }

    /** Deletes any token left with these labels by an earlier build. */
    public static void delete(String... labels) {
        ensureConf();
        for (String label : labels) {
            String pattern = "(?s).*\\n\\s+Label:\\s+" + java.util.regex.Pattern.quote(label) + "\\s*\\n.*";
            if (softhsm("--show-slots").matches(pattern)) {
                softhsm("--delete-token", "--token", label);
            }
        }
    }

    /** Fresh, empty tokens with these labels. */
    public static void recreate(String... labels) {
        delete(labels);
        for (String label : labels) {
            dev.inkan.ca.hsm.InitToken.run(confFile(), label, SO_PIN, USER_PIN);
        }
    }

    private static void ensureConf() {
        HsmConfig c = config("unused");
        try {
            Files.createDirectories(c.tokenDir());
            if (!Files.exists(c.confFile())) {
                Files.writeString(c.confFile(), "directories.tokendir = " + c.tokenDir()
                        + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String softhsm(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("softhsm2-util"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
