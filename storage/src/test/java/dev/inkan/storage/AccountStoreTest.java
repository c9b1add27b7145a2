package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static dev.inkan.storage.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.port.AccountStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountStoreTest extends EmbeddedStoreTest {
    private final AccountStore accounts = stores.accounts();

    private static Account account() {
        String id = newId("acct");
        return new Account(id, "{\"kty\":\"EC\",\"id\":\"" + id + "\"}", "thumb-" + id,
                List.of("mailto:ops@example.jp"), AccountStatus.VALID, true, "kid-1", T0);
    }

    @Test
    void testSuccess_accountRoundTripsByIdAndThumbprint() {
        Account a = account();
        await(accounts.insert(a));
        assertEquals(Optional.of(a), await(accounts.byId(a.id())));
        assertEquals(Optional.of(a), await(accounts.byThumbprint(a.keyThumbprint())));
    }

    @Test
    void testSuccess_unknownAccountIsEmpty() {
        assertEquals(Optional.empty(), await(accounts.byId(newId("nobody"))));
    }

    @Test
    void testFailure_duplicateThumbprintIsConflict() {
        Account a = account();
        await(accounts.insert(a));
        Account other = new Account(newId("acct"), a.keyJwk(), a.keyThumbprint(), List.of(), AccountStatus.VALID, true, null, T0);
        CaException e = assertInstanceOf(CaException.class, failure(accounts.insert(other)));
        assertEquals(ErrorKind.CONFLICT, e.kind());
    }

    @Test
    void testSuccess_transitionSucceedsOnceThenIsEmpty() {
        Account a = await(accounts.insert(account()));
        assertEquals(Optional.of(a.withStatus(AccountStatus.DEACTIVATED)),
                await(accounts.transition(a.id(), AccountStatus.VALID, AccountStatus.DEACTIVATED)));
        assertEquals(Optional.empty(), await(accounts.transition(a.id(), AccountStatus.VALID, AccountStatus.DEACTIVATED)));
    }

    @Test
    void testSuccess_contactsChangeOnlyWhileValid() {
        Account a = await(accounts.insert(account()));
        List<String> contacts = List.of("mailto:new@example.jp");
        assertEquals(Optional.of(a.withContacts(contacts)), await(accounts.updateContacts(a.id(), contacts)));
        await(accounts.transition(a.id(), AccountStatus.VALID, AccountStatus.DEACTIVATED));
        assertEquals(Optional.empty(), await(accounts.updateContacts(a.id(), List.of())));
    }

    @Test
    void testSuccess_keyChangeSucceedsOnceThenIsEmpty() {
        Account a = await(accounts.insert(account()));
        String newThumb = newId("thumb");
        assertEquals(Optional.of(a.withKey("{\"new\":1}", newThumb)),
                await(accounts.changeKey(a.id(), a.keyThumbprint(), "{\"new\":1}", newThumb)));
        assertEquals(Optional.empty(), await(accounts.changeKey(a.id(), a.keyThumbprint(), "{\"new\":2}", newId("thumb"))));
        assertTrue(await(accounts.byThumbprint(a.keyThumbprint())).isEmpty());
    }

    @Test
    void testFailure_keyChangeToAnotherAccountsKeyIsConflict() {
        Account a = await(accounts.insert(account()));
        Account b = await(accounts.insert(account()));
        CaException e = assertInstanceOf(CaException.class,
                failure(accounts.changeKey(a.id(), a.keyThumbprint(), b.keyJwk(), b.keyThumbprint())));
        assertEquals(ErrorKind.CONFLICT, e.kind());
        assertEquals(Optional.of(a), await(accounts.byId(a.id())));
    }
}
