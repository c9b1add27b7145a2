package dev.inkan.acme.wire;

import dev.inkan.core.model.Account;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The account object (RFC 8555 §7.1.2). */
public record AccountJson(String status, List<String> contact, boolean termsOfServiceAgreed, String orders) {
    public AccountJson {
        contact = List.copyOf(contact);
    }

    public static AccountJson of(Account account, AcmeUrls urls) {
        return new AccountJson(
                account.status().wire(), account.contacts(), account.termsAgreed(), urls.orders(account.id()));
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("status", status)
                .put("contact", new JsonArray(contact))
                .put("termsOfServiceAgreed", termsOfServiceAgreed)
                .put("orders", orders);
    }
}
