package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.port.RegistrationAuthority.NewAccountRequest;
import dev.inkan.core.port.RegistrationAuthority.NewAccountResult;
import dev.inkan.ra.fake.InMemoryAccountStore;
import dev.inkan.ra.fake.TestKeys;
import dev.inkan.ra.policy.JwkThumbprint;
import io.vertx.core.Future;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Another request created the account between our lookup and our insert. */
class AccountInsertRaceTest extends RaTestBase {
    private final KeyPair key = TestKeys.freshEc();
    private final Account winner = new Account("winner", "{}", JwkThumbprint.of(key.getPublic()), List.of(),
            AccountStatus.VALID, true, null, START);

    @Override
    InMemoryAccountStore accountStore() {
        return new InMemoryAccountStore() {
            private boolean raced;

            @Override
            public synchronized Future<Optional<Account>> byThumbprint(String thumbprint) {
                if (!raced) {
                    raced = true;
                    accounts.put(winner.id(), winner); // the other request's insert lands now
                    return Future.succeededFuture(Optional.empty());
                }
                return super.byThumbprint(thumbprint);
            }
        };
    }

    @Test
    void testSuccess_insertConflictResolvesToTheExistingAccount() throws Exception {
        NewAccountResult result = await(ra.newAccount(new NewAccountRequest(
                jwk(key), JwkThumbprint.of(key.getPublic()), List.of(), true, false, null)));
        assertFalse(result.created());
        assertEquals(winner, result.account());
    }
}
