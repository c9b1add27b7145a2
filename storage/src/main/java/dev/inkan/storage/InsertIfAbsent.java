package dev.inkan.storage;

import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import org.bson.Document;

/** Inserts a document unless one with its {@code _id} exists; true when this call inserted it. */
final class InsertIfAbsent {
    private InsertIfAbsent() {}

    static Future<Boolean> insert(Driver driver, MongoCollection<Document> collection, Document document) {
        return driver.first(collection.insertOne(document))
                .map(ignored -> true)
                .recover(e -> Driver.isDuplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
    }
}
