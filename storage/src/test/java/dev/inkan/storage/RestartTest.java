package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static dev.inkan.storage.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.port.Stores;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456789Z");
    private static final Account ACCOUNT = new Account("acct-1", "{\"kty\":\"EC\"}", "thumb-1",
            List.of("mailto:ops@example.jp"), AccountStatus.VALID, true, null, T0);

    @TempDir
    Path dir;

    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() {
        await(vertx.close());
    }

    private Storage open(Path file) {
        return await(Storage.open(vertx, StorageConfig.embedded(file), new MutableClock(T0)));
    }

    @Test
    void testSuccess_dataAndUniqueIndexesSurviveACleanRestart() {
        Path file = dir.resolve("store/inkan.mv");
        Storage first = open(file);
        await(first.stores().accounts().insert(ACCOUNT));
        await(first.stores().nonces().redeem("n-1", T0.plusSeconds(60)));
        await(first.close());

        Storage second = open(file);
        try {
            Stores stores = second.stores();
            assertEquals(Optional.of(ACCOUNT), await(stores.accounts().byThumbprint("thumb-1")));
            assertFalse(await(stores.nonces().redeem("n-1", T0.plusSeconds(60))));
            Account sameKey = new Account("acct-2", ACCOUNT.keyJwk(), ACCOUNT.keyThumbprint(), List.of(),
                    AccountStatus.VALID, true, null, T0);
            CaException e = assertInstanceOf(CaException.class, failure(stores.accounts().insert(sameKey)));
            assertEquals(ErrorKind.CONFLICT, e.kind());
        } finally {
            await(second.close());
        }
    }

    @Test
    void testSuccess_inMemoryStoreStartsEmptyEachTime() {
        Storage first = await(Storage.open(vertx, StorageConfig.inMemory(), new MutableClock(T0)));
        await(first.stores().accounts().insert(ACCOUNT));
        await(first.close());
        Storage second = await(Storage.open(vertx, StorageConfig.inMemory(), new MutableClock(T0)));
        try {
            assertEquals(Optional.empty(), await(second.stores().accounts().byId(ACCOUNT.id())));
        } finally {
            await(second.close());
        }
    }

    @Test
    void testFailure_secondServerOnTheSameFileIsRefused() {
        Path file = dir.resolve("inkan.mv");
        Storage first = open(file);
        try {
            Throwable e = failure(Storage.open(vertx, StorageConfig.embedded(file), new MutableClock(T0)));
            assertInstanceOf(RuntimeException.class, e);
        } finally {
            await(first.close());
        }
    }
}
