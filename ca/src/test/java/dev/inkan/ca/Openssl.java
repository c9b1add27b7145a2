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

    /**
     * Runs openssl with a deadline: its output goes to a file, so a hung openssl is killed after 60 s instead of
     * holding the test on a pipe read.
     */
    /**
     * {@code openssl ocsp -respin answer -issuer issuer -serial s -CAfile root -verify_other issuer -attime t}: the
     * answer checked at the test's injected instant (validity of the chain, thisUpdate/nextUpdate); the output.
     */
    public static String ocspAnswer(Path answer, Path issuer, Path root, String serial, Instant at) {
        return run(List.of("openssl", "ocsp", "-respin", answer.toString(), "-issuer", issuer.toString(), "-serial",
                serial, "-CAfile", root.toString(), "-verify_other", issuer.toString(), "-no_nonce", "-attime",
                Long.toString(at.getEpochSecond())));
    }

    public static String run(List<String> cmd) {
        try {
            java.nio.file.Path out = java.nio.file.Files.createTempFile("openssl", ".out");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException("openssl did not finish within 60 s: " + cmd);
                }
                return java.nio.file.Files.readString(out, StandardCharsets.UTF_8).strip();
            } finally {
                java.nio.file.Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
