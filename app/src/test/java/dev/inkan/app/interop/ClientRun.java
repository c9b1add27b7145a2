package dev.inkan.app.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of an external program (certbot, lego, dehydrated, openssl) with its output kept for the assertion message. */
record ClientRun(int exitCode, String output) {

    static ClientRun run(Path workDir, Map<String, String> env, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        return run(workDir, env, timeout, command, null);
    }

    /** @param input what the program reads on standard input; null for none */
    static ClientRun run(Path workDir, Map<String, String> env, Duration timeout, List<String> command, String input)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "run", ".log");
        java.io.File stdin = devNull();
        if (input != null) {
            Path in = Files.createTempFile(workDir, "run", ".in");
            Files.writeString(in, input);
            stdin = in.toFile();
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(stdin));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            return new ClientRun(-1, "timed out after " + timeout + ":\n" + Files.readString(out));
        }
        return new ClientRun(p.exitValue(), Files.readString(out));
    }

    static ClientRun run(Path workDir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        return run(workDir, env, Duration.ofMinutes(3), command);
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    String describe() {
        return "exit " + exitCode + ":\n" + output;
    }
}
