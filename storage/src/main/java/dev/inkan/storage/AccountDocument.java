package dev.inkan.storage;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import java.util.List;
import org.bson.Document;

/** Collection {@code accounts}: one document per account, {@code _id} = account id. */
final class AccountDocument {
    static final String COLLECTION = "accounts";

    private AccountDocument() {}

    static Document of(Account a) {
        Document d = new Document("_id", a.id())
                .append("keyJwk", a.keyJwk())
                .append("keyThumbprint", a.keyThumbprint())
                .append("contacts", a.contacts())
                .append("status", a.status().name())
                .append("termsAgreed", a.termsAgreed())
                .append("eabKeyId", a.eabKeyId());
        return Times.put(d, "createdAt", a.createdAt());
    }

    static Account read(Document d) {
        return new Account(
                d.getString("_id"),
                d.getString("keyJwk"),
                d.getString("keyThumbprint"),
                d.getList("contacts", String.class, List.of()),
                AccountStatus.valueOf(d.getString("status")),
                d.getBoolean("termsAgreed", false),
                d.getString("eabKeyId"),
                Times.get(d, "createdAt"));
    }
}
