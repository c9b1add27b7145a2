package dev.inkan.ca.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Openssl;
import dev.inkan.ca.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Token creation keeps the PINs off every command line: a command line is readable by every user of the host. */
@Timeout(120)
class InitTokenTest {
    private static final String LABEL = "no-pin-on-argv";
    private static final String SO_PIN = "so-secret-7319";
    private static final String USER_PIN = "user-secret-2846";

    @AfterAll
    static void deleteToken() {
        TestTokens.delete(LABEL);
    }

    @Test
    void testSuccess_commandHoldsNoPin() {
        List<String> command = InitToken.command(LABEL);
        assertTrue(command.stream().anyMatch(a -> a.contains("--init-token")), command.toString());
        assertTrue(command.stream().noneMatch(a -> a.contains("--pin") || a.contains("--so-pin")), command.toString());
    }

    @Test
    void testSuccess_noProcessCommandLineHoldsAPinWhileTheTokenIsCreated() throws Exception {
        TestTokens.delete(LABEL);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean creating = new AtomicBoolean(true);
        // every command line on the host, as `ps` shows them to any user, while the token is being made
        Thread watcher = new Thread(() -> {
            while (creating.get()) {
                seen.addAll(commandLinesMentioning("softhsm2-util"));
            }
        });
        watcher.start();
        try {
            InitToken.run(TestTokens.confFile(), LABEL, SO_PIN, USER_PIN);
        } finally {
            creating.set(false);
            watcher.join();
        }
        assertFalse(seen.isEmpty(), "the watcher saw no softhsm2-util process");
        for (String line : seen) {
            assertFalse(line.contains(SO_PIN) || line.contains(USER_PIN), "a PIN on a command line: " + line);
        }
        String slots = Openssl.run(List.of("softhsm2-util", "--show-slots"));
        assertTrue(slots.matches("(?s).*Initialized:\\s+yes\\s+User PIN init\\.:\\s+yes\\s+Label:\\s+"
                + LABEL + "\\s.*"), slots);
    }

    @Test
    void testFailure_pinWithALineBreakIsRefusedBeforeAnythingRuns() {
        assertThrows(HsmException.class, () -> InitToken.run(TestTokens.confFile(), LABEL + "-x", "12345\n678",
                USER_PIN));
        assertThrows(HsmException.class, () -> InitToken.run(TestTokens.confFile(), LABEL + "-x", SO_PIN, "123"));
    }

    @Test
    void testSuccess_labelReachesTheShellAsOneWord() throws Exception {
        String label = "a'; touch x '$HOME";
        Process p = new ProcessBuilder("/bin/sh", "-c", "printf %s " + InitToken.shellQuoted(label)).start();
        assertEquals(label, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, p.waitFor());
    }

    private static List<String> commandLinesMentioning(String needle) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> {
                        try {
                            return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                                    .replace('\0', ' ');
                        } catch (IOException e) {
                            return ""; // the process ended meanwhile
                        }
                    })
                    .filter(line -> line.contains(needle))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
