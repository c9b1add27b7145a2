package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.inkan.core.port.Leases;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standby asks for the signer lease every few seconds while the active signer holds it: losing is the expected
 * answer and must come from the store without a failed command, which the store logs as an error and an operator
 * would have to tell from real failures.
 */
@Timeout(120)
class LeaseContentionTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");
    private static final Duration TERM = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Vertx vertx;
    private EmbeddedServer server;
    private MongoClient client;
    private final List<String> failedCommands = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = EmbeddedServer.start(dir.resolve("store/inkan.mv"), 0, new MutableClock(T0));
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .credential(MongoCredential.createScramSha256Credential(StoreCredential.USER, StoreCredential.SOURCE,
                        server.credential().password().toCharArray()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .retryWrites(false)
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandFailed(CommandFailedEvent event) {
                        failedCommands.add(event.getCommandName() + ": " + event.getThrowable());
                    }
                })
                .build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdown();
        await(vertx.close());
    }

    private Leases leases() {
        return new MongoLeases(new Driver(vertx), client.getDatabase("inkan").getCollection(MongoLeases.COLLECTION));
    }

    @Test
    void testAcquire_aStandbyLosingToALiveLeaseCausesNoFailedCommand() {
        Leases leases = leases();
        assertTrue(await(leases.acquire("signer/inkan", "active", T0, TERM)));
        for (int beat = 1; beat <= 5; beat++) {
            assertFalse(await(leases.acquire("signer/inkan", "standby", T0.plusSeconds(3L * beat), TERM)));
            assertTrue(await(leases.acquire("signer/inkan", "active", T0.plusSeconds(3L * beat), TERM)));
        }
        assertEquals(List.of(), failedCommands);
    }

    @Test
    void testAcquire_theFirstTakerCreatesTheLeaseAndTheSecondLoses() {
        Leases leases = leases();
        assertTrue(await(leases.acquire("signer/other", "a", T0, TERM)));
        assertFalse(await(leases.acquire("signer/other", "b", T0, TERM)));
        assertTrue(await(leases.acquire("signer/other", "b", T0.plus(TERM).plusSeconds(1), TERM)),
                "an expired lease passes to the next taker");
    }
}
