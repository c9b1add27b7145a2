package dev.inkan.storage;

import static com.mongodb.client.model.Indexes.ascending;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Future;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * The indexes every query and uniqueness rule relies on, all of them and nowhere else (the CA's collections, the
 * reseller channel's and OV vetting's), created at open (creating an existing index is a no-op); docs/operating.md
 * lists them for a DBA preparing a replica set. No partial and no TTL indexes: the embedded server ignores both (research/toolcheck.md §2), so
 * nothing may depend on them. {@code _id} is unique in every collection by itself.
 */
final class Indexes {
    private Indexes() {}

    static Future<Void> create(Driver driver, MongoDatabase db) {
        return Future.all(List.of(
                        unique(driver, db, AccountDocument.COLLECTION, ascending("keyThumbprint")),
                        plain(driver, db, OrderDocument.COLLECTION, ascending("accountId", "_id")),
                        plain(driver, db, OrderDocument.COLLECTION, ascending("accountId", "status")),
                        plain(driver, db, OrderDocument.COLLECTION, ascending("status", "updatedAt")),
                        plain(driver, db, OrderDocument.COLLECTION, ascending("authorizationIds")),
                        plain(driver, db, AuthorizationDocument.COLLECTION,
                                ascending("accountId", "identifier.value", "wildcard", "status")),
                        // BR 3.2.2.4.4: the confirmation page finds an authorization by the emailed value's digest
                        plain(driver, db, AuthorizationDocument.COLLECTION, ascending("challenges.token")),
                        plain(driver, db, AuthorizationDocument.COLLECTION, ascending("accountId", "status")),
                        plain(driver, db, MongoCustomerStore.COLLECTION, ascending("accountId")),
                        plain(driver, db, CertificateDocument.COLLECTION, ascending("issuerId", "status")),
                        plain(driver, db, CertificateDocument.COLLECTION, ascending("status", "createdAt")),
                        plain(driver, db, MongoNonceStore.NONCES, ascending("expiresAt")),
                        plain(driver, db, MongoAuditLog.COLLECTION, ascending("subject", "at")),
                        plain(driver, db, MongoIssuanceQueue.COLLECTION, ascending("holder", "queuedAt")),
                        plain(driver, db, PrecertificateDocument.COLLECTION, ascending("status", "updatedAt")),
                        plain(driver, db, PrecertificateDocument.COLLECTION, ascending("orderId")),
                        plain(driver, db, MongoCaaCheckStore.COLLECTION, ascending("authorizationId", "checkedAt")),
                        plain(driver, db, MongoRenewals.REPLACEMENTS, ascending("orderId")),
                        // the reseller channel (order API)
                        plain(driver, db, MongoResellerOrderStore.COLLECTION, ascending("resellerId", "_id")),
                        plain(driver, db, MongoResellerOrderStore.COLLECTION, ascending("status", "updatedAt")),
                        plain(driver, db, MongoResellerOrderStore.COLLECTION, ascending("raOrderId")),
                        plain(driver, db, MongoResellerOrderStore.COLLECTION, ascending("certificateSerial")),
                        plain(driver, db, MongoResellerOrderStore.COLLECTION, ascending("status", "notAfter")),
                        plain(driver, db, MongoCustomerStore.COLLECTION, ascending("resellerId", "_id")),
                        plain(driver, db, MongoWebhookStore.EVENTS, ascending("resellerId", "sequence")),
                        plain(driver, db, MongoWebhookStore.EVENTS, ascending("delivery")),
                        plain(driver, db, MongoWebhookStore.ATTEMPTS, ascending("resellerId", "_id")),
                        plain(driver, db, MongoResellerStore.KEYS, ascending("resellerId")),
                        // OV vetting and the web fronts' sessions
                        plain(driver, db, MongoVettingStores.CASES, ascending("applicantId")),
                        plain(driver, db, MongoVettingStores.CASES, ascending("status", "submittedAt")),
                        plain(driver, db, MongoVettingStores.KEYS, ascending("organizationId")),
                        unique(driver, db, MongoVettingStores.APPLICANTS, ascending("email")),
                        plain(driver, db, MongoVettingStores.APPLICANTS, ascending("verificationTokenSha256")),
                        plain(driver, db, MongoWebSessions.SESSIONS, ascending("realm", "idleAfter"))))
                .mapEmpty();
    }

    private static Future<String> unique(Driver driver, MongoDatabase db, String collection, Bson keys) {
        return driver.first(db.getCollection(collection).createIndex(keys, new IndexOptions().unique(true)))
                .map(name -> name.orElse(""));
    }

    private static Future<String> plain(Driver driver, MongoDatabase db, String collection, Bson keys) {
        return driver.first(db.getCollection(collection).createIndex(keys)).map(name -> name.orElse(""));
    }
}
