package dev.inkan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** CPU time of processes as Linux counts it in {@code /proc/<pid>/stat} (user plus system, all threads). */
final class ProcCpu {
    // sysconf(_SC_CLK_TCK): 100 on every Linux build we run on; the stat fields count these ticks
    private static final long TICKS_PER_SECOND = 100;

    private ProcCpu() {}

    /** Milliseconds of CPU the processes have used so far; a process that is gone counts 0. */
    static long millis(Collection<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            ticks += ticks(pid);
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /**
     * Milliseconds of CPU the processes' JIT compiler threads (HotSpot's {@code C1/C2 CompilerThread}) have used so
     * far. A compiler thread that has ended is no longer counted, so the CA's JVM is started with a fixed number of
     * them ({@code -XX:-UseDynamicNumberOfCompilerThreads}); 0 for a process that has none (Pebble).
     */
    static long compilerMillis(Collection<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            Path tasks = Path.of("/proc", String.valueOf(pid), "task");
            try (java.util.stream.Stream<Path> all = Files.list(tasks)) {
                for (Path task : all.toList()) {
                    if (compilerThread(task)) {
                        ticks += ticks(task.resolve("stat"));
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // the process is gone
            }
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    private static boolean compilerThread(Path task) {
        try {
            // the kernel keeps 15 characters of a thread's name: "C2 CompilerThre"
            String name = Files.readString(task.resolve("comm")).trim();
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
        } catch (IOException e) {
            return false;
        }
    }

    private static long ticks(long pid) {
        return ticks(Path.of("/proc", String.valueOf(pid), "stat"));
    }

    private static long ticks(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            // the command name in parentheses may hold spaces; fields count from after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime (14), stime (15)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
