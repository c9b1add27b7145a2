package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Indexes.ascending;
import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.port.Stores;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Non-unique indexes of the embedded store: right answers through every change and a restart, and used. */
@Timeout(120)
class SecondaryIndexTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");
    private static final String THINGS = "things";

    @TempDir
    Path dir;

    private Vertx vertx;
    private Driver driver;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        driver = new Driver(vertx);
    }

    @AfterEach
    void stopVertx() {
        await(vertx.close());
    }

    private Storage open() {
        return await(Storage.open(vertx, StorageConfig.embedded(dir.resolve("store/inkan.mv")), new MutableClock(T0)));
    }

    private MongoCollection<Document> things(Storage storage) {
        return storage.database().getCollection(THINGS);
    }

    private List<String> ids(Storage storage, Bson filter) {
        return await(driver.all(things(storage).find(filter).sort(Sorts.ascending("_id")))).stream()
                .map(d -> d.getString("_id")).toList();
    }

    private static Document thing(String id, String accountId, String status) {
        return new Document("_id", id).append("accountId", accountId).append("status", status);
    }

    private static IndexedCollection collection(Storage storage, String name) {
        AbstractMongoDatabase<?> db = (AbstractMongoDatabase<?>) storage.embedded().backend().resolveDatabase("inkan");
        return (IndexedCollection) db.resolveCollection(name, true);
    }

    @Test
    void queryByIndexedFieldFindsExactlyItsDocumentsThroughInsertsUpdatesDeletesAndARestart() {
        Storage storage = open();
        await(driver.first(things(storage).createIndex(ascending("accountId", "status"))));
        await(driver.first(things(storage).insertMany(List.of(thing("t-1", "a-1", "PENDING"),
                thing("t-2", "a-1", "PENDING"), thing("t-3", "a-1", "PENDING"), thing("t-4", "a-2", "VALID")))));
        assertEquals(List.of("t-1", "t-2", "t-3"), ids(storage, eq("accountId", "a-1")));

        await(driver.first(things(storage).updateOne(eq("_id", "t-2"), Updates.set("accountId", "a-2"))));
        await(driver.first(things(storage).updateOne(eq("_id", "t-1"), Updates.set("status", "VALID"))));
        await(driver.first(things(storage).deleteOne(eq("_id", "t-3"))));
        assertEquals(List.of("t-1"), ids(storage, eq("accountId", "a-1")));
        assertEquals(List.of("t-2", "t-4"), ids(storage, eq("accountId", "a-2")));
        assertEquals(List.of("t-2"), ids(storage, and(eq("accountId", "a-2"), in("status", "PENDING", "READY"))));
        await(storage.close());

        Storage reopened = open();
        try {
            assertEquals(List.of("t-1"), ids(reopened, eq("accountId", "a-1")));
            assertEquals(List.of("t-4"), ids(reopened, and(eq("accountId", "a-2"), eq("status", "VALID"))));
            await(driver.first(things(reopened).insertOne(thing("t-5", "a-1", "PENDING"))));
            assertEquals(List.of("t-1", "t-5"), ids(reopened, eq("accountId", "a-1")));
            assertEquals(0, collection(reopened, THINGS).scans());
        } finally {
            await(reopened.close());
        }
    }

    @Test
    void arrayFieldsAreIndexedElementByElement() {
        Storage storage = open();
        try {
            await(driver.first(things(storage).createIndex(ascending("authorizationIds"))));
            await(driver.first(things(storage).createIndex(ascending("challenges.token"))));
            await(driver.first(things(storage).insertMany(List.of(
                    new Document("_id", "o-1").append("authorizationIds", List.of("z-1", "z-2"))
                            .append("challenges", List.of(new Document("type", "http-01").append("token", "k-1"),
                                    new Document("type", "dns-01").append("token", "k-2"))),
                    new Document("_id", "o-2").append("authorizationIds", List.of("z-2", "z-3"))))));
            assertEquals(List.of("o-1", "o-2"), ids(storage, eq("authorizationIds", "z-2")));
            assertEquals(List.of("o-1"), ids(storage,
                    elemMatch("challenges", and(eq("type", "dns-01"), eq("token", "k-2")))));
            assertEquals(List.of(), ids(storage, elemMatch("challenges", and(eq("type", "http-01"), eq("token", "k-2")))));

            await(driver.first(things(storage).updateOne(eq("_id", "o-1"), Updates.pull("authorizationIds", "z-2"))));
            assertEquals(List.of("o-2"), ids(storage, eq("authorizationIds", "z-2")));
            assertEquals(List.of("o-1"), ids(storage, eq("authorizationIds", "z-1")));
            assertEquals(0, collection(storage, THINGS).scans());
        } finally {
            await(storage.close());
        }
    }

    @Test
    void anIndexCreatedOverExistingDocumentsCoversThem() {
        Storage storage = open();
        try {
            await(driver.first(things(storage).insertMany(List.of(thing("t-1", "a-1", "PENDING"),
                    thing("t-2", "a-2", "PENDING")))));
            await(driver.first(things(storage).createIndex(ascending("accountId"))));
            assertEquals(List.of("t-2"), ids(storage, eq("accountId", "a-2")));
            assertEquals(0, collection(storage, THINGS).scans());
        } finally {
            await(storage.close());
        }
    }

    @Test
    void numbersMeetAcrossTypesAsInMongoDb() {
        Storage storage = open();
        try {
            await(driver.first(things(storage).createIndex(ascending("count"))));
            await(driver.first(things(storage).insertMany(List.of(new Document("_id", "n-1").append("count", 1),
                    new Document("_id", "n-2").append("count", 1.0), new Document("_id", "n-3").append("count", 2L)))));
            assertEquals(List.of("n-1", "n-2"), ids(storage, eq("count", 1L)));
            assertEquals(List.of("n-3"), ids(storage, eq("count", 2.0)));
        } finally {
            await(storage.close());
        }
    }

    /** What the issuance path and the periodic jobs ask the store: every question answered from an index. */
    @Test
    void everyQueryOfTheIssuanceStoresIsServedByAnIndex() {
        Storage storage = open();
        try {
            Stores stores = storage.stores();
            await(stores.accounts().byThumbprint("thumb"));
            await(stores.orders().byAccount("acct-1", null, 10));
            await(stores.orders().byAccount("acct-1", "o-1", 10));
            await(stores.orders().findReusable("acct-1", List.of(Identifier.dns("a.example.jp")), null, T0));
            await(stores.orders().processingSince(T0));
            await(stores.orders().pendingOrReadyWithAuthorization("acct-1", "z-1"));
            await(stores.orders().transition("o-1", dev.inkan.core.model.OrderStatus.PENDING,
                    dev.inkan.core.model.OrderStatus.READY, T0));
            await(stores.authorizations().byIds(List.of("z-1", "z-2")));
            await(stores.authorizations().findReusable("acct-1", "a.example.jp", false, T0));
            await(stores.authorizations().byChallengeToken("http-01", "token"));
            await(stores.authorizations().pendingOf("acct-1", T0));
            await(stores.certificates().revokedUnexpired("issuer-1", T0));
            await(stores.certificates().reservedSince(T0));
            await(storage.revokedSerials().revokedExpiringAfter("issuer-1", T0));
            await(storage.precertificates().byOrder("o-1"));
            await(storage.precertificates().unfinishedSince(T0));
            await(storage.caaChecks().forAuthorization("z-1"));
            await(storage.renewals().replacementBy("o-1"));
            await(storage.processingOrders());
            for (String name : List.of(AccountDocument.COLLECTION, OrderDocument.COLLECTION,
                    AuthorizationDocument.COLLECTION, CertificateDocument.COLLECTION, PrecertificateDocument.COLLECTION,
                    MongoCaaCheckStore.COLLECTION, MongoRenewals.REPLACEMENTS)) {
                assertEquals(0, collection(storage, name).scans(), name + " was scanned");
            }
            assertTrue(collection(storage, OrderDocument.COLLECTION).getIndexes().stream()
                    .anyMatch(SecondaryIndex.class::isInstance));
        } finally {
            await(storage.close());
        }
    }
}
