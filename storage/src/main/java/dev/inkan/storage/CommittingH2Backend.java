package dev.inkan.storage;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.time.Clock;
import org.h2.mvstore.MVStore;

/**
 * The H2 MVStore backend of the embedded server, made durable per write. The stock backend lets MVStore
 * auto-commit about once a second, so a crash loses up to a second of acknowledged writes
 * (research/toolcheck.md §2). Here the store never auto-commits; every command that changed it is
 * committed and forced to disk before its reply leaves the server, so an acknowledged write (a reserved
 * serial above all: "a crash must never leave an unrecorded signature") survives a crash of the process
 * and of the machine.
 */
final class CommittingH2Backend extends H2Backend {
    private final MVStore store;
    private final Object commitLock = new Object();
    private long commits;
    static final int EVERY = Integer.getInteger("x.every", 1000000000);
    static final int FILL = Integer.getInteger("x.fill", 90);
    static final int WRITE = Integer.getInteger("x.write", 1 << 20);
    static final boolean DEBUG = Boolean.getBoolean("x.debug");

    private CommittingH2Backend(MVStore store, Clock clock) {
        super(store, clock);
        this.store = store;
    }

    static CommittingH2Backend open(Path file, Clock clock) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        store.setRetentionTime(Integer.getInteger("x.retention", 45000));
        return new CommittingH2Backend(store, clock);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            // Also after a failed command: a bulk insert may have written some documents before its error.
            commitChanges();
        }
    }

    /**
     * Commits and syncs whatever is unsaved. The lock makes "nothing unsaved" mean "already on disk": a
     * thread that finds no changes had them committed by a holder that synced before releasing the lock.
     */
    private void commitChanges() {
        synchronized (commitLock) {
            if (store.hasUnsavedChanges()) {
                store.commit();
                if (++commits % EVERY == 0) {
                    long t = System.nanoTime();
                    boolean c = store.compact(FILL, WRITE);
                    store.commit();
                    if (DEBUG) System.err.println("compact " + c + " " + (System.nanoTime() - t) / 1000 + "us fill=" + store.getFileStore().getFillRate() + " chunksFill=" + store.getFileStore().getChunksFillRate());
                }
                store.sync();
            }
        }
    }
}
