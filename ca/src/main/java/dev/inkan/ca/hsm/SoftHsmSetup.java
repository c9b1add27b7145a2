package dev.inkan.ca.hsm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the configured SoftHSM token exist and finds its slot id: writes softhsm2.conf if missing, checks that the
 * JVM was started with SOFTHSM2_CONF pointing at it, and runs {@code softhsm2-util --init-token} when no token
 * carries the label, answering its PIN prompts through a pseudo-terminal ({@link InitToken}). All of it blocks (files and a child process).
 */
final class SoftHsmSetup {
    private static final Logger log = LoggerFactory.getLogger(SoftHsmSetup.class);
    private static final Pattern TOKENDIR = Pattern.compile("(?m)^\\s*directories\\.tokendir\\s*=\\s*(.*?)\\s*$");
    private static final String UTIL = "softhsm2-util";

    private final HsmConfig config;
    private final Map<String, String> environment;

    SoftHsmSetup(HsmConfig config, Map<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    /** The slot id of the token, created first if no token has the label. */
    long ensureToken() {
        ensureConfFile();
        checkEnvironment();
        Optional<Long> slot = findSlot();
        if (slot.isPresent()) {
            return slot.get();
        }
        initToken();
        return findSlot().orElseThrow(() -> new HsmException(
                "softhsm2-util created token '" + config.tokenLabel() + "' but --show-slots does not list it"));
    }

    Optional<Long> findSlot() {
        return SlotTable.parse(run(List.of(UTIL, "--show-slots"), "list the slots")).slotOf(config.tokenLabel());
    }

    void ensureConfFile() {
        Path conf = config.confFile();
        try {
            Files.createDirectories(config.tokenDir());
            if (Files.exists(conf)) {
                checkTokenDir(Files.readString(conf, StandardCharsets.UTF_8));
                return;
            }
            Files.createDirectories(conf.getParent());
            String text = "# Written by Inkan: the CA's SoftHSM2 token store\n"
                    + "directories.tokendir = " + config.tokenDir() + "\n"
                    + "objectstore.backend = file\n"
                    + "log.level = ERROR\n"
                    + "slots.removable = false\n";
            Path tmp = Files.createTempFile(conf.getParent(), ".softhsm2", ".conf");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, conf, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("wrote {} (tokendir {})", conf, config.tokenDir());
        } catch (IOException e) {
            throw new HsmException("cannot write " + conf + ": " + e.getMessage(), e);
        }
    }

    /** An existing conf that names another token directory would silently point the CA at other keys. */
    private void checkTokenDir(String confText) {
        Matcher m = TOKENDIR.matcher(confText);
        if (!m.find()) {
            throw new HsmException(config.confFile() + " has no directories.tokendir line; expected "
                    + config.tokenDir());
        }
        Path named = Path.of(m.group(1)).toAbsolutePath().normalize();
        if (!named.equals(config.tokenDir())) {
            throw new HsmException(config.confFile() + " names tokendir " + named + " but the HSM configuration says "
                    + config.tokenDir() + "; make them agree (or delete the conf file to have it rewritten)");
        }
    }

    /** libsofthsm2 reads SOFTHSM2_CONF from the process environment in C_Initialize; Java cannot set it later. */
    void checkEnvironment() {
        String exported = environment.get("SOFTHSM2_CONF");
        Path want = config.confFile();
        if (exported == null || exported.isBlank()) {
            throw new HsmException("SOFTHSM2_CONF is not set; export SOFTHSM2_CONF=" + want
                    + " before starting the JVM (libsofthsm2 reads it from the process environment)");
        }
        Path have = Path.of(exported).toAbsolutePath().normalize();
        if (!have.equals(want)) {
            throw new HsmException("SOFTHSM2_CONF is " + have + " but the HSM configuration uses " + want
                    + "; export SOFTHSM2_CONF=" + want + " before starting the JVM");
        }
    }

    private void initToken() {
        log.info("creating HSM token '{}' in {}", config.tokenLabel(), config.tokenDir());
        // Never --pin/--so-pin: a command line is readable by every user of the host.
        InitToken.run(config.confFile(), config.tokenLabel(), config.soPin(), config.userPin());
    }

    private String run(List<String> command, String what) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", config.confFile().toString());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new HsmException(UTIL + " did not finish in 30 s trying to " + what);
            }
            if (p.exitValue() != 0) {
                throw new HsmException(UTIL + " failed to " + what + " (exit " + p.exitValue() + "): "
                        + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new HsmException("cannot run " + UTIL + " to " + what + " (is the softhsm2 package installed?): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HsmException("interrupted while trying to " + what, e);
        }
    }
}
