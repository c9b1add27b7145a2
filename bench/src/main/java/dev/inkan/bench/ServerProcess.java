package dev.inkan.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** A server the bench started: its output goes to a log file, and it is stopped by its own PID. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ServerProcess start(List<String> command, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new ServerProcess(pb.start(), log);
    }

    long pid() {
        return process.pid();
    }

    /** Waits until {@code url} answers 200 over TLS trusting {@code tls}, or fails with the log's tail. */
    void awaitReady(URI url, SSLContext tls, Duration timeout) throws Exception {
        awaitReady(url, tls, timeout, null);
    }

    /**
     * As above, and until the log holds {@code started} (null: not asked): a server whose first listener answers
     * while a later one fails to bind exits a moment later, and must count as not started.
     */
    void awaitReady(URI url, SSLContext tls, Duration timeout, String started) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(url + ": the server exited with " + process.exitValue() + "\n" + tail());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 && (started == null || Files.readString(log).contains(started))) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException(url + " did not answer within " + timeout + "\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Loopback ports free right now. */
    static int[] freePorts(int n) throws IOException {
        return LoopbackPorts.free(n);
    }
}
