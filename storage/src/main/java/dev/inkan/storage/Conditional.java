package dev.inkan.storage;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Function;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A state change as one conditional single-document update: the filter states what the caller expects,
 * the result is the document after the change, or empty when the expectation no longer held.
 */
final class Conditional {
    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    private Conditional() {}

    /** The document with this id, if it is in this state. */
    static Bson expected(String id, String status) {
        return and(eq("_id", id), eq("status", status));
    }

    static <T> Future<Optional<T>> update(
            Driver driver,
            MongoCollection<Document> collection,
            Bson expected,
            Bson change,
            String conflictDetail,
            Function<Document, T> reader) {
        return driver.write(collection.findOneAndUpdate(expected, change, AFTER), conflictDetail)
                .map(found -> found.map(reader));
    }
}
