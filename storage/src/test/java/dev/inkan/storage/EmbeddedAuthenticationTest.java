package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static dev.inkan.storage.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store over the wire, reached by the official driver with and without its credential. */
@Timeout(120)
class EmbeddedAuthenticationTest {
    @TempDir
    Path dir;

    private Vertx vertx;
    private EmbeddedServer server;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = EmbeddedServer.start(dir.resolve("store/inkan.mv"), 0, new MutableClock(Instant.EPOCH));
    }

    @AfterEach
    void stop() {
        server.shutdown();
        await(vertx.close());
    }

    private MongoClient client(MongoCredential credential) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .retryWrites(false)
                .retryReads(false);
        if (credential != null) {
            settings.credential(credential);
        }
        return MongoClients.create(settings.build());
    }

    private MongoCredential scram(String password) {
        return MongoCredential.createScramSha256Credential(StoreCredential.USER, StoreCredential.SOURCE,
                password.toCharArray());
    }

    private Throwable insertFails(MongoClient client) {
        MongoCollection<Document> things = client.getDatabase("inkan").getCollection("things");
        return failure(new Driver(vertx).first(things.insertOne(new Document("_id", "a"))));
    }

    @Test
    void testSuccess_driverWithTheStoreCredentialReadsAndWrites() {
        try (MongoClient client = client(scram(server.credential().password()))) {
            MongoCollection<Document> things = client.getDatabase("inkan").getCollection("things");
            Driver driver = new Driver(vertx);
            await(driver.first(things.insertOne(new Document("_id", "a").append("v", 1))));
            List<Document> found = await(driver.all(things.find(new Document("_id", "a"))));
            assertEquals(1, found.get(0).getInteger("v"));
        }
    }

    @Test
    void testFailure_wrongPasswordIsRefused() {
        try (MongoClient client = client(scram(server.credential().password() + "x"))) {
            Throwable e = insertFails(client);
            MongoSecurityException security = assertInstanceOf(MongoSecurityException.class, e);
            MongoCommandException cause = assertInstanceOf(MongoCommandException.class, security.getCause());
            assertEquals(AuthenticatingBackend.AUTHENTICATION_FAILED, cause.getErrorCode());
        }
    }

    @Test
    void testFailure_noCredentialIsRefusedUnauthorized() {
        try (MongoClient client = client(null)) {
            MongoCommandException e = assertInstanceOf(MongoCommandException.class, insertFails(client));
            assertEquals(AuthenticatingBackend.UNAUTHORIZED, e.getErrorCode());
            assertEquals("Unauthorized", e.getErrorCodeName());
        }
        // nothing was written by the refused connection
        try (MongoClient client = client(scram(server.credential().password()))) {
            MongoCollection<Document> things = client.getDatabase("inkan").getCollection("things");
            assertTrue(await(new Driver(vertx).all(things.find())).isEmpty());
        }
    }

    @Test
    void testFailure_scramSha1IsNotOffered() {
        MongoCredential sha1 = MongoCredential.createScramSha1Credential(StoreCredential.USER, StoreCredential.SOURCE,
                server.credential().password().toCharArray());
        try (MongoClient client = client(sha1)) {
            assertInstanceOf(MongoSecurityException.class, insertFails(client));
        }
    }

    @Test
    void testSuccess_credentialFileIsOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        Path file = StoreCredential.fileFor(dir.resolve("store/inkan.mv"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        // the data file holds what the credential guards
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("store/inkan.mv"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("store"))));
        String password = server.credential().password();
        server.shutdown();
        server = EmbeddedServer.start(dir.resolve("store/inkan.mv"), 0, new MutableClock(Instant.EPOCH));
        assertEquals(password, server.credential().password());
        try (MongoClient client = client(scram(password))) {
            MongoCollection<Document> things = client.getDatabase("inkan").getCollection("things");
            assertTrue(await(new Driver(vertx).all(things.find())).isEmpty());
        }
    }

    @Test
    void testSuccess_eachStoreGetsItsOwnRandomPassword() {
        EmbeddedServer other = EmbeddedServer.start(dir.resolve("other/inkan.mv"), 0, new MutableClock(Instant.EPOCH));
        try {
            assertNotEquals(server.credential().password(), other.credential().password());
            assertTrue(server.credential().password().length() >= 43);
        } finally {
            other.shutdown();
        }
    }

    @Test
    void testFailure_credentialFileOthersCanReadIsRefused() throws Exception {
        Path file = StoreCredential.fileFor(dir.resolve("store/inkan.mv"));
        server.shutdown();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> EmbeddedServer.start(dir.resolve("store/inkan.mv"), 0, new MutableClock(Instant.EPOCH)));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        Files.setPosixFilePermissions(file, StoreCredential.OWNER_ONLY);
        server = EmbeddedServer.start(dir.resolve("store/inkan.mv"), 0, new MutableClock(Instant.EPOCH));
    }
}
