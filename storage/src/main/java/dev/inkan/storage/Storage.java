package dev.inkan.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.inkan.core.port.BlockedKeys;
import dev.inkan.core.port.CrlCounters;
import dev.inkan.core.port.RateLimitCounters;
import dev.inkan.core.port.RateLimitOverrides;
import dev.inkan.core.port.Renewals;
import dev.inkan.core.port.RevokedSerials;
import dev.inkan.core.port.CaaCheckStore;
import dev.inkan.core.port.PrecertificateStore;
import dev.inkan.core.port.FrontEnds;
import dev.inkan.core.port.IssuanceQueue;
import dev.inkan.core.port.Leases;
import dev.inkan.core.port.Metrics;
import dev.inkan.core.port.ResellerStores;
import dev.inkan.core.port.Stores;
import dev.inkan.core.vetting.VettingStores;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The MongoDB store: every store port over one driver client, and, when no URI is configured, the embedded
 * server it talks to. Open it once per process and close it on shutdown.
 *
 * <pre>{@code
 * Storage.open(vertx, StorageConfig.embedded(home.resolve("store/inkan.mv")), clock)
 *     .onSuccess(storage -> wire(storage.stores()));
 * ...
 * storage.close();
 * }</pre>
 */
public final class Storage {
    private final Vertx vertx;
    private final Driver driver;
    private final MongoClient client;
    private final EmbeddedServer embedded;
    private final MongoDatabase database;
    private final Stores stores;
    private final StoreCalls calls;
    private final AtomicReference<Future<Void>> closing = new AtomicReference<>();

    private Storage(Vertx vertx, Driver driver, MongoClient client, EmbeddedServer embedded, MongoDatabase database,
            Stores stores, StoreCalls calls) {
        this.vertx = vertx;
        this.driver = driver;
        this.client = client;
        this.embedded = embedded;
        this.database = database;
        this.stores = stores;
        this.calls = calls;
    }

    /**
     * Starts the embedded server if the config has no URI, connects, creates the indexes and returns the
     * stores. The clock is the embedded server's clock.
     */
    public static Future<Storage> open(Vertx vertx, StorageConfig config, Clock clock) {
        return open(vertx, config, clock, Metrics.NONE);
    }

    /** As {@link #open(Vertx, StorageConfig, Clock)}, timing every store call into {@code metrics}. */
    public static Future<Storage> open(Vertx vertx, StorageConfig config, Clock clock, Metrics metrics) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        if (!config.isEmbedded()) {
            return connect(vertx, config, null, metrics);
        }
        return vertx.executeBlocking(
                        () -> EmbeddedServer.start(config.embeddedFile(), config.embeddedPort(), clock), false)
                .compose(server -> connect(vertx, config, server, metrics));
    }

    private static Future<Storage> connect(Vertx vertx, StorageConfig config, EmbeddedServer server,
            Metrics metrics) {
        MongoClient client;
        StoreCalls calls = new StoreCalls();
        try {
            client = MongoClients.create(MongoClientSettings.builder(settings(config, server))
                    .addCommandListener(calls).build());
        } catch (RuntimeException e) {
            return stopServer(vertx, server).transform(ignored -> Future.failedFuture(e));
        }
        Driver driver = new Driver(vertx, metrics);
        MongoDatabase db = client.getDatabase(config.database());
        Storage storage = new Storage(vertx, driver, client, server, db, stores(driver, db), calls);
        return Indexes.create(driver, db)
                .map(storage)
                .recover(e -> storage.close().transform(ignored -> Future.failedFuture(e)));
    }

    static MongoClientSettings settings(StorageConfig config, EmbeddedServer server) {
        if (server != null) {
            // Never serverApi(...): the embedded server has no `hello` command (research/toolcheck.md §2).
            // It has no sessions either, so the driver would turn retryable writes off by itself.
            StoreCredential credential = server.credential();
            return MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(server.connectionString()))
                    .credential(MongoCredential.createScramSha256Credential(
                            credential.user(), StoreCredential.SOURCE, credential.password().toCharArray()))
                    .retryWrites(false)
                    .build();
        }
        // A write acknowledged by a majority survives the loss of the primary; reads see only such writes.
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(config.uri()))
                .writeConcern(WriteConcern.MAJORITY)
                .readConcern(ReadConcern.MAJORITY)
                .retryWrites(true)
                .build();
    }

    private static Stores stores(Driver driver, MongoDatabase db) {
        return new Stores(
                new RequestAccounts(new MongoAccountStore(driver, db.getCollection(AccountDocument.COLLECTION))),
                new RequestOrders(new MongoOrderStore(driver, db.getCollection(OrderDocument.COLLECTION))),
                new RequestAuthorizations(
                        new MongoAuthorizationStore(driver, db.getCollection(AuthorizationDocument.COLLECTION))),
                new MongoCertificateStore(driver, db.getCollection(CertificateDocument.COLLECTION)),
                new MongoCaCertificateStore(driver, db.getCollection(CaCertificateDocument.COLLECTION)),
                new MongoNonceStore(
                        driver, db.getCollection(MongoNonceStore.NONCES), db.getCollection(MongoNonceStore.SETTINGS)),
                new MongoAuditLog(driver, db.getCollection(MongoAuditLog.COLLECTION)));
    }

    public Stores stores() {
        return stores;
    }

    /** Keys never to be certified again (BR 6.1.1.3 (4)). */
    public BlockedKeys blockedKeys() {
        return new MongoBlockedKeys(driver, database.getCollection(MongoBlockedKeys.COLLECTION));
    }

    /** The counts behind the rate limits, shared by every front end on this store. */
    public RateLimitCounters rateLimitCounters() {
        return new MongoRateLimitCounters(new Driver(vertx), database.getCollection(MongoRateLimitCounters.COLLECTION));
    }

    /** Per-account and per-reseller counts that replace the configured rate limits, shared by every front end. */
    public RateLimitOverrides rateLimitOverrides() {
        return new MongoRateLimitOverrides(new Driver(vertx), database);
    }

    /** CRL numbers and per-issuer revocation counts (RFC 5280 §5.2.3). */
    public CrlCounters crlCounters() {
        return new MongoCrlCounters(driver, database.getCollection(MongoCrlCounters.COLLECTION));
    }

    /** The revoked entries CRLs list, without certificate bytes. */
    public RevokedSerials revokedSerials() {
        return new MongoRevokedSerials(driver, database.getCollection(CertificateDocument.COLLECTION));
    }

    /** RFC 9773 renewal flags and replacement claims. */
    public Renewals renewals() {
        return MongoRenewals.open(driver, database);
    }

    /** Every CAA check made, with its evidence (BR 3.2.2.8). */
    public CaaCheckStore caaChecks() {
        return MongoCaaCheckStore.open(driver, database);
    }

    /** The stage each serial's issuance reached, with its precertificate (RFC 6962 §3.1, BR 7.1.2.9). */
    public PrecertificateStore precertificates() {
        return MongoPrecertificateStore.open(driver, database);
    }

    /**
     * Whether the store answers: a {@code ping} to the server (the primary, on a replica set) within
     * {@code limit}. Never fails; false on any error or when the limit passes first.
     */
    public Future<Boolean> reachable(java.time.Duration limit) {
        Promise<Boolean> answer = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, limit.toMillis()), id -> answer.tryComplete(false));
        driver.first(database.runCommand(new org.bson.Document("ping", 1))).onComplete(ar -> {
            vertx.cancelTimer(timer);
            answer.tryComplete(ar.succeeded() && ar.result().isPresent());
        });
        return answer.future();
    }

    /**
     * How many orders are PROCESSING: the issuance queue's depth. The {@code count} command, because the
     * embedded server answers {@code countDocuments} (an aggregation) by reading every order, and {@code count}
     * from the status index.
     */
    public Future<Long> processingOrders() {
        org.bson.Document count = new org.bson.Document("count", OrderDocument.COLLECTION)
                .append("query", new org.bson.Document("status", dev.inkan.core.model.OrderStatus.PROCESSING.name()));
        return driver.first(database.runCommand(count))
                .map(answer -> answer.map(d -> ((Number) d.get("n")).longValue()).orElse(0L));
    }

    /** Finalized orders waiting for the signer (front ends and signer in separate processes). */
    public IssuanceQueue issuanceQueue() {
        return new MongoIssuanceQueue(driver, database.getCollection(MongoIssuanceQueue.COLLECTION));
    }

    /** Exclusive roles held for a time: the active signer. */
    public Leases leases() {
        return new MongoLeases(driver, database.getCollection(MongoLeases.COLLECTION));
    }

    /** The running ACME front ends by nonce prefix, where each redeems its nonces for the others. */
    public FrontEnds frontEnds() {
        return new MongoFrontEnds(driver, database.getCollection(MongoFrontEnds.COLLECTION));
    }

    /** The reseller channel's stores (CP 002 §1.3): resellers and keys, customers, orders, webhooks, idempotency. */
    public ResellerStores resellerStores() {
        Driver driver = new Driver(vertx);
        return new ResellerStores(MongoResellerStore.open(driver, database), MongoCustomerStore.open(driver, database),
                MongoResellerOrderStore.open(driver, database), MongoWebhookStore.open(driver, database),
                new MongoIdempotencyStore(driver, database));
    }

    /** Organization vetting: applications, vetted organizations and their EAB keys, applicants, staff. */
    public VettingStores vetting() {
        Driver driver = new Driver(vertx);
        return new VettingStores(new MongoVettingStores.Cases(driver, database),
                new MongoVettingStores.Organizations(driver, database),
                new MongoVettingStores.Applicants(driver, database), new MongoVettingStores.Staff(driver, database));
    }

    /** The web fronts' sessions (OV portal and console), shared by every front end on this store. */
    public dev.inkan.core.port.WebSessions webSessions() {
        return new MongoWebSessions(new Driver(vertx), database);
    }

    /** The commands this process sent to the store so far, by collection and command. */
    public StoreCalls calls() {
        return calls;
    }

    /** The database, for tests that look at the raw documents. */
    MongoDatabase database() {
        return database;
    }

    /** What the store holds now, per collection, and for the embedded store how full its file is. */
    public Future<StoreFootprint> footprint() {
        return driver.all(database.listCollectionNames()).compose(names -> {
            Map<String, long[]> collections = new java.util.TreeMap<>();
            Future<Void> chain = Future.succeededFuture();
            for (String name : names) {
                chain = chain.compose(v -> driver.first(database.runCommand(new org.bson.Document("collStats", name)))
                        .map(stats -> {
                            stats.ifPresent(d -> collections.put(name, new long[] {
                                    ((Number) d.get("count")).longValue(), ((Number) d.get("size")).longValue()}));
                            return null;
                        }));
            }
            return chain.map(v -> {
                if (embedded != null && embedded.backend() instanceof DurableH2Backend h2) {
                    var file = h2.getMvStore().getFileStore();
                    return new StoreFootprint(collections, file.size(), file.getFillRate(), file.getChunksFillRate());
                }
                return new StoreFootprint(collections, -1, -1, -1);
            });
        });
    }

    /** Many finished issuances written at once, for filling a sandbox store (the bench's pre-fill). */
    public BulkLoad bulkLoad() {
        return new BulkLoad(driver, database);
    }

    /** The embedded server, or null when connected to a configured URI; for tests that look inside the store. */
    EmbeddedServer embedded() {
        return embedded;
    }

    /** The embedded server's port, or -1 when connected to a configured URI. */
    public int embeddedPort() {
        return embedded == null ? -1 : embedded.port();
    }

    /**
     * Closes the driver, then shuts the embedded server down so its file is closed consistently. Calling it
     * again returns the first call's future.
     */
    public Future<Void> close() {
        Promise<Void> promise = Promise.promise();
        if (!closing.compareAndSet(null, promise.future())) {
            return closing.get();
        }
        vertx.<Void>executeBlocking(() -> {
                    client.close();
                    return null;
                }, false)
                .eventually(() -> stopServer(vertx, embedded))
                .onComplete(promise);
        return promise.future();
    }

    private static Future<Void> stopServer(Vertx vertx, EmbeddedServer server) {
        if (server == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            server.shutdown();
            return null;
        }, false);
    }
}
