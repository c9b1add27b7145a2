package dev.inkan.ca.hsm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code softhsm2-util --init-token} without a PIN on any command line: a command line is readable by every
 * user of the host ({@code ps}, {@code /proc/PID/cmdline}). softhsm2-util asks for the PINs when {@code --so-pin}
 * and {@code --pin} are absent, but only from a terminal (it turns echo off and flushes pending input first), so
 * it runs under a pseudo-terminal from util-linux {@code script}, and each PIN is written to it once its prompt
 * has appeared.
 */
public final class InitToken {
    private static final String UTIL = "softhsm2-util";
    private static final long DEADLINE_SECONDS = 30;
    // softhsm2-util 2.6's prompts, in the order it asks
    private static final List<String> PROMPTS = List.of("Please enter SO PIN:", "Please reenter SO PIN:",
            "Please enter user PIN:", "Please reenter user PIN:");

    private InitToken() {}

    /** The command that runs: the label is the only variable part, and no PIN is in it. */
    static List<String> command(String label) {
        return List.of("script", "--quiet", "--return", "--command",
                UTIL + " --init-token --free --label " + shellQuoted(label), "/dev/null");
    }

    /**
     * Initialises a free token with {@code label} in the token store {@code confFile} names, with the given
     * security-officer and user PINs.
     */
    public static void run(Path confFile, String label, String soPin, String userPin) {
        checkPin("SO PIN", soPin);
        checkPin("user PIN", userPin);
        List<String> answers = List.of(soPin, soPin, userPin, userPin);
        ProcessBuilder pb = new ProcessBuilder(command(label)).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", confFile.toString());
        pb.environment().put("SHELL", "/bin/sh");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new HsmException("cannot run script(1) and " + UTIL + " to create token '" + label
                    + "' (are the bsdutils and softhsm2 packages installed?): " + e.getMessage(), e);
        }
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }, "init-token-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        StringBuilder said = new StringBuilder();
        StringBuilder unanswered = new StringBuilder();
        try (InputStream out = p.getInputStream(); OutputStream in = p.getOutputStream()) {
            int answered = 0;
            byte[] buffer = new byte[1024];
            int n;
            while ((n = out.read(buffer)) > 0) {
                String chunk = new String(buffer, 0, n, StandardCharsets.UTF_8);
                said.append(chunk);
                unanswered.append(chunk);
                while (answered < PROMPTS.size() && unanswered.indexOf(PROMPTS.get(answered)) >= 0) {
                    // cut up to the prompt answered, so that a prompt is never answered twice
                    unanswered.delete(0, unanswered.indexOf(PROMPTS.get(answered)) + PROMPTS.get(answered).length());
                    in.write((answers.get(answered) + "\n").getBytes(StandardCharsets.UTF_8));
                    in.flush();
                    answered++;
                }
            }
            if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                throw new HsmException(UTIL + " did not finish in " + DEADLINE_SECONDS + " s creating token '"
                        + label + "'");
            }
            if (p.exitValue() != 0 || answered < PROMPTS.size()) {
                throw new HsmException(UTIL + " failed to create token '" + label + "' (exit " + p.exitValue()
                        + "): " + said.toString().replace('*', ' ').strip());
            }
        } catch (IOException e) {
            throw new HsmException("talking to " + UTIL + " creating token '" + label + "' failed: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HsmException("interrupted while creating token '" + label + "'", e);
        } finally {
            p.destroyForcibly();
            watchdog.interrupt();
        }
    }

    /** softhsm2-util takes 4-255 characters; a line break would end the answer early. */
    private static void checkPin(String what, String pin) {
        if (pin == null || pin.length() < 4 || pin.length() > 255 || pin.indexOf('\n') >= 0
                || pin.indexOf('\r') >= 0) {
            throw new HsmException("the " + what + " must be 4 to 255 characters on one line");
        }
    }

    static String shellQuoted(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
