package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.port.AccountStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

final class MongoAccountStore implements AccountStore {
    private static final String DUPLICATE_KEY = "an account with this key already exists";

    private final Driver driver;
    private final MongoCollection<Document> accounts;

    MongoAccountStore(Driver driver, MongoCollection<Document> accounts) {
        this.driver = driver;
        this.accounts = accounts;
    }

    @Override
    public Future<Account> insert(Account account) {
        return driver.write(accounts.insertOne(AccountDocument.of(account)), DUPLICATE_KEY).map(ignored -> account);
    }

    @Override
    public Future<Optional<Account>> byId(String id) {
        return driver.first(accounts.find(eq("_id", id)).first()).map(d -> d.map(AccountDocument::read));
    }

    @Override
    public Future<Optional<Account>> byThumbprint(String keyThumbprint) {
        return driver.first(accounts.find(eq("keyThumbprint", keyThumbprint)).first())
                .map(d -> d.map(AccountDocument::read));
    }

    @Override
    public Future<Optional<Account>> updateContacts(String id, List<String> contacts) {
        return update(
                Conditional.expected(id, AccountStatus.VALID.name()),
                new Document("$set", new Document("contacts", List.copyOf(contacts))));
    }

    @Override
    public Future<Optional<Account>> transition(String id, AccountStatus from, AccountStatus to) {
        return update(Conditional.expected(id, from.name()), Updates.set("status", to.name()));
    }

    @Override
    public Future<Optional<Account>> changeKey(String id, String oldThumbprint, String newJwk, String newThumbprint) {
        // RFC 8555 §7.3.5: the new key must not belong to another account; the unique index enforces it.
        return update(
                and(Conditional.expected(id, AccountStatus.VALID.name()), eq("keyThumbprint", oldThumbprint)),
                Updates.combine(Updates.set("keyJwk", newJwk), Updates.set("keyThumbprint", newThumbprint)));
    }

    private Future<Optional<Account>> update(Bson expected, Bson change) {
        return Conditional.update(driver, accounts, expected, change, DUPLICATE_KEY, AccountDocument::read);
    }
}
