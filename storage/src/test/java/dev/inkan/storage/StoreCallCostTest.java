package dev.inkan.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;

/**
 * What one typical store call costs in CPU, through the official driver and the wire protocol against the
 * embedded server on a file, split between the calling side (the driver's threads and the caller) and the
 * server's (its I/O threads, which run the backend and its group commit, and the compaction thread), plus the
 * file's bytes per document written. It prints the costs and asserts only that each call answered as MongoDB
 * would: timings are for reading, never asserted (the machine is shared). More iterations for a measurement:
 * {@code -Dstore.cost.iterations=2000}; {@code -Dstore.cost.settleMillis=6000} waits for the compaction thread
 * before the file's size is read.
 */
@Timeout(600)
class StoreCallCostTest {
    private static final int ITERATIONS = Integer.getInteger("store.cost.iterations", 150);
    private static final int ACCOUNTS = 20;

    @TempDir
    Path dir;

    @Test
    void typicalCallsAnswerAsMongoDbDoesAndReportTheirCpuPerCall() throws Exception {
        Path file = dir.resolve("store/inkan.mv");
        EmbeddedServer server = EmbeddedServer.start(file, 0, Clock.systemUTC());
        List<String> report = new ArrayList<>();
        try (MongoClient client = MongoClients.create(Storage.settings(StorageConfig.embedded(file), server))) {
            MongoCollection<Document> orders = client.getDatabase("inkan").getCollection("orders");
            block(orders.createIndex(Indexes.ascending("accountId", "status"), new IndexOptions()));
            // The first round warms the connections, the code paths and the JIT; the second is measured.
            round(orders, "w-", new ArrayList<>());
            round(orders, "o-", report);
            long documents = block(orders.countDocuments()).get(0);
            assertEquals(2L * ITERATIONS, documents);
            // the compaction thread's next rounds (every 2 s) rewrite sparse chunks and return free space
            Thread.sleep(Long.getLong("store.cost.settleMillis", 0));
            H2Backend backend = (H2Backend) server.backend();
            var store = backend.getMvStore().getFileStore();
            report.add(String.format(Locale.ROOT, "file: %.1f KB per document written (%d documents of %d BSON bytes,"
                            + " file %d KB, file fill %d %%, chunks fill %d %%)",
                    Files.size(file) / 1024.0 / documents, documents, documentBytes(),
                    Files.size(file) / 1024, store.getFillRate(), store.getChunksFillRate()));
        } finally {
            server.shutdown();
        }
        System.out.println("store call cost, " + ITERATIONS + " calls each, CPU microseconds per call:");
        report.forEach(line -> System.out.println("  " + line));
    }


    private void round(MongoCollection<Document> orders, String prefix, List<String> report) {
        report.add(measure("insert", i -> block(orders.insertOne(order(prefix + i, i)))));
        report.add(measure("find by _id", i -> {
            List<Document> found = block(orders.find(Filters.eq("_id", prefix + i)).first());
            assertEquals(prefix + i, found.get(0).getString("_id"));
        }));
        report.add(measure("conditional update by _id", i -> {
            List<UpdateResult> result = block(orders.updateOne(
                    Filters.and(Filters.eq("_id", prefix + i), Filters.eq("status", "pending")),
                    Updates.set("status", "ready")));
            assertEquals(1, result.get(0).getModifiedCount());
        }));
        report.add(measure("findOneAndUpdate by _id", i -> {
            List<Document> result = block(orders.findOneAndUpdate(Filters.eq("_id", prefix + i),
                    Updates.combine(Updates.set("status", "valid"), Updates.inc("polls", 1)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
            assertEquals("valid", result.get(0).getString("status"));
        }));
        report.add(measure("find by secondary index", i -> {
            List<Document> found = block(orders.find(
                    Filters.and(Filters.eq("accountId", "acct-" + (i % ACCOUNTS)), Filters.eq("status", "valid")))
                    .limit(5));
            assertTrue(!found.isEmpty() && found.size() <= 5);
        }));
    }

    private static int documentBytes() {
        return new RawBsonDocument(order("o-0", 0), new DocumentCodec()).getByteBuffer().remaining();
    }

    /** About the size and shape of a stored order with its authorization digest (a few KB). */
    private static Document order(String id, int i) {
        // a CSR's DER: keys and signatures are random bytes, so it compresses hardly at all
        byte[] der = new byte[1500];
        new Random(i).nextBytes(der);
        return new Document("_id", id)
                .append("accountId", "acct-" + (i % ACCOUNTS))
                .append("status", "pending")
                .append("identifiers", List.of(new Document("type", "dns").append("value", "host-" + i + ".example.jp")))
                .append("authorizationIds", List.of("authz-" + i + "-a", "authz-" + i + "-b"))
                .append("notBefore", "2026-12-08T00:00:00Z")
                .append("notAfter", "2027-01-07T00:00:00Z")
                .append("expires", "2026-12-15T00:00:00Z")
                .append("csr", new Binary(der))
                .append("polls", 0);
    }

    private String measure(String call, IntConsumer body) {
        Map<Long, Long> before = cpuByThread();
        Map<Long, String> names = new HashMap<>();
        long wallStarted = System.nanoTime();
        for (int i = 0; i < ITERATIONS; i++) {
            body.accept(i);
        }
        long wall = System.nanoTime() - wallStarted;
        Map<Long, Long> after = cpuByThread();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().getThreadInfo(
                after.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (info != null) {
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        long server = 0;
        long client = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            String name = names.getOrDefault(e.getKey(), "");
            if (name.startsWith("mongo-server-") || name.startsWith("embedded-store-")) {
                server += used;
            } else {
                client += used;
            }
        }
        // -Dstore.cost.threads=true: the CPU of each kind of thread, for finding where a call's time goes
        if (Boolean.getBoolean("store.cost.threads")) {
            Map<String, Long> byName = new TreeMap<>();
            for (Map.Entry<Long, Long> e : after.entrySet()) {
                byName.merge(names.getOrDefault(e.getKey(), "?").replaceAll("\\d+", "N"),
                        e.getValue() - before.getOrDefault(e.getKey(), 0L), Long::sum);
            }
            byName.forEach((n, v) -> System.out.printf(Locale.ROOT, "    %-40s %6.0f%n", n, micros(v)));
        }
        return String.format(Locale.ROOT, "%-26s client %6.0f  server %6.0f  total %6.0f  (wall %6.0f)",
                call, micros(client), micros(server), micros(client + server), micros(wall));
    }

    private static double micros(long nanos) {
        return nanos / 1000.0 / ITERATIONS;
    }

    private static Map<Long, Long> cpuByThread() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long used = threads.getThreadCpuTime(id);
            if (used >= 0) {
                cpu.put(id, used);
            }
        }
        return cpu;
    }

    private static <T> List<T> block(Publisher<T> publisher) {
        FutureSubscriber<T> subscriber = new FutureSubscriber<>();
        publisher.subscribe(subscriber);
        try {
            return subscriber.result().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
