package dev.inkan.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The openssl command line, as relying parties' software would check our certificates. */
public final class Openssl {
    private Openssl() {}

    /** {@code openssl verify -CAfile root -untrusted intermediate [-purpose p] -attime t cert}; the output. */
    public static String verify(Path root, Path intermediate, Path cert, Instant at, String purpose) {
        List<String> cmd = new ArrayList<>(List.of("openssl", "verify", "-CAfile", root.toString()));
        if (intermediate != null) {
            cmd.addAll(List.of("-untrusted", intermediate.toString()));
        }
        if (purpose != null) {
            cmd.addAll(List.of("-purpose", purpose));
        }
        cmd.addAll(List.of("-attime", Long.toString(at.getEpochSecond()), cert.toString()));
        return run(cmd);
    }

    public static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out.strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
