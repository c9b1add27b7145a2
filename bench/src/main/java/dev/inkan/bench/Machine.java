package dev.inkan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the numbers were measured on: processor, cores, memory, load when the run ended. */
final class Machine {
    private Machine() {}

    static String describe() {
        String cpu = "unknown processor";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: keep the placeholder
        }
        String load = "";
        try {
            load = ", load average " + Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0]
                    + " (1 min) at the end";
        } catch (IOException e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores of " + cpu + ", "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB heap for the generator" + load
                + ", Java " + System.getProperty("java.version");
    }
}
