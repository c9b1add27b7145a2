package dev.inkan.app.interop;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One {@code inkan serve --role ROLE} process of a multi-process deployment, stopped by its PID. */
final class InkanProcess {
    final String name;
    final Path log;
    private final Process process;

    private InkanProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** C1 only and the serial collector: several JVMs start at once on a small machine, for a test's few requests. */
    static final List<String> TEST_JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    static InkanProcess start(String name, String role, Path home, Map<String, String> env) throws IOException {
        return start(name, role, home, env, TEST_JVM);
    }

    /** With {@code jvm} options instead of the test's: none for a measurement, as {@code ./inkan serve} runs. */
    static InkanProcess start(String name, String role, Path home, Map<String, String> env, List<String> jvm)
            throws IOException {
        Files.createDirectories(home);
        Path log = home.resolve(name + ".log");
        List<String> cmd = new ArrayList<>(List.of(SandboxServer.javaBin()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", SandboxServer.jar().toString(), "serve", "--role", role));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("INKAN_HOME", home.toString());
        pb.environment().put("SOFTHSM2_CONF", home.resolve("softhsm/softhsm2.conf").toString());
        pb.environment().putAll(env);
        return new InkanProcess(name, log, pb.start());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: nothing is flushed or closed, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    String tail() {
        List<String> lines = logText().lines().toList();
        return name + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Waits until {@code condition} holds, failing with the process's log when it dies or time runs out. */
    void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before " + what
                        + "\n" + tail());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + ": no " + what + " within " + timeout + "\n" + tail());
    }

    /**
     * The connection string of a store process ({@code serve --role store}) whose INKAN_HOME is {@code storeHome}:
     * its SCRAM credential is in the file it keeps there.
     */
    static String storeUri(Path storeHome, int port) {
        dev.inkan.storage.StoreCredential c = dev.inkan.storage.StoreCredential.read(
                dev.inkan.storage.StoreCredential.fileFor(storeHome.resolve("store/inkan.mv")));
        return "mongodb://" + c.user() + ":" + java.net.URLEncoder.encode(c.password(),
                java.nio.charset.StandardCharsets.UTF_8) + "@127.0.0.1:" + port
                + "/?authSource=" + dev.inkan.storage.StoreCredential.SOURCE + "&authMechanism=SCRAM-SHA-256";
    }

    static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
