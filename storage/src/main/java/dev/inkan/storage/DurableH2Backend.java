package dev.inkan.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.LoggerFactory;

/**
 * The H2 MVStore backend of the embedded server (mongo-java-server 1.47.0, H2 2.3.232), made durable per
 * write, with group commit.
 *
 * <p>The stock backend lets MVStore auto-commit about once a second, so a crash loses up to a second of
 * acknowledged writes (research/toolcheck.md §2), and its background commits are written asynchronously.
 * Here the store never auto-commits: a command that changed it is committed and forced to disk before its
 * reply leaves the server, so an acknowledged write (a reserved serial above all: "a crash must never leave an
 * unrecorded signature") survives a crash of the process and of the machine.
 *
 * <p>Writers that arrive while a commit is being synced share the next one (group commit): one of them
 * commits and syncs everything written so far, the others wait for it. Each sync costs the same whether it
 * carries one write or thirty, so under load the cost per write falls with the number of writers. Compaction
 * runs on its own thread every {@value #COMPACT_SECONDS} s, never on a writer's path; only giving free space back
 * to the file holds commands off while it moves chunks ({@code returnFreeSpace}).
 */
final class DurableH2Backend extends H2Backend {
    // Every commit rewrites whole pages (copy on write) and random ids spread writes over the tree, so chunks
    // die partly: under load about 10 MB of chunks are written per second for about 0.1 MB of new data. Rewriting
    // at most 1 MB every 10 s left the file four times its live data; 4 MB every 2 s keeps up (issue 12).
    private static final long COMPACT_SECONDS = 2;
    private static final int TARGET_FILL_RATE = 80;
    private static final int COMPACT_WRITE_BYTES = 4 * 1024 * 1024;
    // Below this share of the file in live chunks, live chunks at its end move into the holes before them.
    private static final int FILE_FILL_RATE = 75;
    private static final int MOVE_BYTES = 4 * 1024 * 1024;
    // Commands that never change the store: they neither wait for nor trigger a commit.
    private static final Set<String> READS = Set.of("find", "getmore", "count", "aggregate", "distinct",
            "listcollections", "listindexes", "listdatabases", "ismaster", "hello", "ping", "buildinfo",
            "getlasterror", "getlog", "killcursors", "endsessions", "dbstats", "collstats", "serverstatus",
            "whatsmyuri", "getparameter", "getcmdlineopts", "hostinfo", "connectionstatus");

    private final ReentrantLock lock = new ReentrantLock();
    // Held shared by every command that may change the store, exclusively by a commit: a version on disk never
    // holds half a command (a document without its index entries, an index entry without its document).
    private final ReentrantReadWriteLock changing = new ReentrantReadWriteLock();
    private final Condition synced = lock.newCondition();
    // Tickets: every write takes one after its change; the store is durable up to ticket {@code durable}. A
    // leader commits everything up to the newest ticket at the time it starts.
    private long issued;
    private long durable;
    private boolean committing;
    private final ScheduledExecutorService compactor;

    private DurableH2Backend(MVStore store, Clock clock) {
        super(store, clock);
        compactor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-store-compaction");
            t.setDaemon(true);
            return t;
        });
        compactor.scheduleWithFixedDelay(this::compact, COMPACT_SECONDS, COMPACT_SECONDS, TimeUnit.SECONDS);
    }

    static DurableH2Backend open(Path file, Clock clock) {
        // Pages compressed (LZF): index keys, field names and texts repeat within a page, so the live pages take
        // less than half the bytes (issue 12: 14.5 KB of pages per certificate became 6.4 KB), for about 2-3 % of
        // the server's CPU under the bench's load (docs/design/embedded-store.md). Each page records whether it is
        // compressed, so a file written before opens unchanged.
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().compress().open();
        // MVStore keeps dead chunks for 45 s in case the OS writes a later chunk before an earlier one. Every
        // commit here is forced to disk before the next begins, so a dead chunk may be reused at once; MVStore
        // itself still never frees a chunk the newest complete version on disk refers to.
        store.setRetentionTime(0);
        return new DurableH2Backend(store, clock);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (READS.contains(command.toLowerCase(Locale.ROOT))) {
            return super.handleCommand(channel, database, command, query);
        }
        changing.readLock().lock();
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            changing.readLock().unlock();
            // Also after a failed command: a bulk insert may have written some documents before its error.
            commitChanges();
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexingDatabase(databaseName);
    }

    @Override
    public void close() {
        compactor.shutdownNow();
        try {
            compactor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.close();
    }

    /**
     * Returns once everything this thread wrote is on disk. If a commit is under way, this write may have missed
     * it: wait for it, then either a later leader carried our ticket or we lead the next commit ourselves.
     */
    private void commitChanges() {
        lock.lock();
        try {
            long ticket = ++issued;
            while (durable < ticket) {
                if (committing) {
                    synced.awaitUninterruptibly();
                    continue;
                }
                long upTo = issued;
                exclusively(() -> {
                    MVStore store = getMvStore();
                    // nothing unsaved: an earlier leader committed our change, and it synced before it let go
                    if (commitWholeCommands(store)) {
                        store.sync();
                    }
                });
                durable = Math.max(durable, upTo);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Rewrites half-empty chunks now and then and gives free space back to the file, as the one committer of the
     * moment.
     */
    private void compact() {
        lock.lock();
        try {
            while (committing) {
                synced.awaitUninterruptibly();
            }
            exclusively(() -> {
                MVStore store = getMvStore();
                if (store.isClosed()) {
                    return;
                }
                store.compact(TARGET_FILL_RATE, COMPACT_WRITE_BYTES);
                commitWholeCommands(store);
                store.sync();
                returnFreeSpace(store);
            });
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(DurableH2Backend.class).warn("compacting the embedded store failed", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves live chunks from the end of the file into the free space before them and truncates the file, when
     * the file's live chunks fill less than {@value #FILE_FILL_RATE} % of it. MVStore reuses free space for new
     * chunks but never moves a live one, so a file keeps the size its busiest moment needed, several times its
     * live data (issue 12). The move stores a version itself, so no command may be half done meanwhile: it holds
     * the commands off for as long as it takes to copy at most {@value #MOVE_BYTES} bytes, and syncs before it
     * lets them go.
     */
    private void returnFreeSpace(MVStore store) {
        if (!(store.getFileStore() instanceof RandomAccessStore file) || file.getFillRate() >= FILE_FILL_RATE) {
            return;
        }
        changing.writeLock().lock();
        try {
            file.compactMoveChunks(FILE_FILL_RATE, MOVE_BYTES, store);
        } finally {
            changing.writeLock().unlock();
        }
    }

    /**
     * Commits what the commands finished so far changed, with no command half done; true if there was anything.
     * The sync that makes it durable runs after, while commands go on.
     */
    private boolean commitWholeCommands(MVStore store) {
        changing.writeLock().lock();
        try {
            if (!store.hasUnsavedChanges()) {
                return false;
            }
            store.commit();
            return true;
        } finally {
            changing.writeLock().unlock();
        }
    }

    /**
     * Holding the lock and with no commit under way: runs {@code io} as the only committer, with the lock
     * released so that more writers can queue their tickets meanwhile; wakes the waiters afterwards.
     */
    private void exclusively(Runnable io) {
        committing = true;
        lock.unlock();
        try {
            io.run();
        } finally {
            lock.lock();
            committing = false;
            synced.signalAll();
        }
    }

    /**
     * The stock database, except that index keys are text ({@link IndexKeyText}), non-unique indexes are kept ({@link SecondaryIndex}, where the stock one
     * keeps none) and its collections answer queries from any index whose fields the query fixes
     * ({@link IndexedCollection}), where the stock one uses an index only when the query's keys equal a unique
     * index's keys. The store comes from {@link #getMvStore()} because the backend's and the database's
     * constructors already reopen existing collections, before a field of a subclass could be set.
     */
    private final class IndexingDatabase extends H2Database {
        private static final String DATA_PREFIX = "databases.";
        private static final String META_PREFIX = "meta.";
        private static final String STOCK_INDEX_INFIX = "._index_";
        private static final String UNIQUE_INDEX_INFIX = "._unique_";
        private static final String SECONDARY_INDEX_INFIX = "._secondary_";

        IndexingDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // The same map names as H2Database (mongo-java-server 1.47.0), so existing files open unchanged.
            String namespace = getFullCollectionNamespace(collectionName);
            MVStore store = getMvStore();
            MVMap<Object, Document> data = store.openMap(DATA_PREFIX + namespace,
                    new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
            MVMap<String, Object> meta = store.openMap(META_PREFIX + namespace);
            return new IndexedCollection(this, collectionName, options, data, meta, cursorRegistry);
        }

        /**
         * A unique index keyed by text. A store written before keeps the stock map (Java-serialized keys) under
         * another name: it is removed, and the collection fills the new one from its documents when it adds it.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            MVStore store = getMvStore();
            String stock = getFullCollectionNamespace(collectionName) + STOCK_INDEX_INFIX + indexName;
            if (store.hasMap(stock)) {
                store.removeMap(stock);
            }
            MVMap<String, Object> entries = store.openMap(indexMap(collectionName, UNIQUE_INDEX_INFIX, indexName),
                    new MVMap.Builder<String, Object>().keyType(StringDataType.INSTANCE));
            return new UniqueIndex(entries, indexName, keys, sparse);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            MVMap<String, Object> entries = getMvStore().openMap(indexMap(collectionName, SECONDARY_INDEX_INFIX, indexName),
                    new MVMap.Builder<String, Object>().keyType(StringDataType.INSTANCE));
            return new SecondaryIndex(entries, indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(indexMap(collection.getCollectionName(), SECONDARY_INDEX_INFIX, indexName));
            getMvStore().removeMap(indexMap(collection.getCollectionName(), UNIQUE_INDEX_INFIX, indexName));
        }

        // Under the collection's namespace, so that dropping the database removes it with the collection's maps.
        private String indexMap(String collectionName, String kind, String indexName) {
            return getFullCollectionNamespace(collectionName) + kind + indexName;
        }
    }
}
