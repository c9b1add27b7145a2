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

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name in parentheses may hold spaces; fields count from after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime (14), stime (15)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
