package dev.inkan.app.interop;

import dev.inkan.storage.StoreServer;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The embedded store alone in a process of its own ({@code StoreProcess <file> <port>}), so that a test can kill it
 * and start a new one over the same files while the CA keeps running.
 */
public final class StoreProcess {
    private StoreProcess() {}

    public static void main(String[] args) throws Exception {
        StoreServer server = StoreServer.start(Path.of(args[0]), Integer.parseInt(args[1]), Clock.systemUTC());
        System.out.println("store ready at " + server.connectionString());
        System.out.flush();
        // until the test kills this process, or closes its stdin to stop it cleanly
        while (System.in.read() >= 0) {
            // nothing to read
        }
        server.shutdown();
    }
}
