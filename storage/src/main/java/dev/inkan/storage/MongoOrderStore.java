package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.OrderStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

final class MongoOrderStore implements OrderStore {
    private static final String DUPLICATE_ID = "an order with this id already exists";

    private final Driver driver;
    private final MongoCollection<Document> orders;

    MongoOrderStore(Driver driver, MongoCollection<Document> orders) {
        this.driver = driver;
        this.orders = orders;
    }

    @Override
    public Future<Order> insert(Order order) {
        return driver.write(orders.insertOne(OrderDocument.of(order)), DUPLICATE_ID).map(ignored -> order);
    }

    @Override
    public Future<Optional<Order>> byId(String id) {
        return driver.first(orders.find(eq("_id", id)).first()).map(d -> d.map(OrderDocument::read));
    }

    @Override
    public Future<List<Order>> byAccount(String accountId, String afterId, int limit) {
        // RFC 8555 §7.1.2.1: pages in a stable order, by id ascending, continuing after the previous page.
        if (limit <= 0) {
            return Future.succeededFuture(List.of());
        }
        Bson filter = afterId == null ? eq("accountId", accountId) : and(eq("accountId", accountId), gt("_id", afterId));
        return driver.all(orders.find(filter).sort(Sorts.ascending("_id")).limit(limit))
                .map(MongoOrderStore::readAll);
    }

    @Override
    public Future<Optional<Order>> findReusable(
            String accountId, List<Identifier> identifiers, String profile, Instant now) {
        // The identifiers are stored lowercased and sorted, so equal requests have equal arrays.
        Bson filter = and(
                eq("accountId", accountId),
                eq("identifiers", IdentifierDocument.ofAll(identifiers)),
                eq("profile", profile),
                in("status", OrderStatus.PENDING.name(), OrderStatus.READY.name()),
                gt("expires", Times.date(now)));
        return driver.first(orders.find(filter).sort(Sorts.descending("createdAt")).first())
                .map(d -> d.map(OrderDocument::read));
    }

    @Override
    public Future<Optional<Order>> transition(String id, OrderStatus from, OrderStatus to, Instant at) {
        return update(id, from, Times.put(new Document("status", to.name()), "updatedAt", at));
    }

    @Override
    public Future<Optional<Order>> fail(String id, OrderStatus from, Problem error, Instant at) {
        Document set = new Document("status", OrderStatus.INVALID.name()).append("error", ProblemDocument.of(error));
        return update(id, from, Times.put(set, "updatedAt", at));
    }

    @Override
    public Future<Optional<Order>> complete(String id, String certificateSerial, Instant at) {
        Document set = new Document("status", OrderStatus.VALID.name()).append("certificateSerial", certificateSerial);
        return update(id, OrderStatus.PROCESSING, Times.put(set, "updatedAt", at));
    }

    @Override
    public Future<List<Order>> processingSince(Instant updatedBefore) {
        Bson filter = and(eq("status", OrderStatus.PROCESSING.name()), lt("updatedAt", Times.date(updatedBefore)));
        return driver.all(orders.find(filter).sort(Sorts.ascending("updatedAt"))).map(MongoOrderStore::readAll);
    }

    @Override
    public Future<List<Order>> pendingOrReadyWithAuthorization(String accountId, String authorizationId) {
        // eq on an array field matches any element: one query, backed by the authorizationIds index
        Bson filter = and(eq("accountId", accountId), eq("authorizationIds", authorizationId),
                in("status", OrderStatus.PENDING.name(), OrderStatus.READY.name()));
        return driver.all(orders.find(filter)).map(MongoOrderStore::readAll);
    }

    private Future<Optional<Order>> update(String id, OrderStatus from, Document set) {
        return Conditional.update(
                driver,
                orders,
                Conditional.expected(id, from.name()),
                new Document("$set", set),
                DUPLICATE_ID,
                OrderDocument::read);
    }

    private static List<Order> readAll(List<Document> documents) {
        List<Order> result = new ArrayList<>(documents.size());
        documents.forEach(d -> result.add(OrderDocument.read(d)));
        return result;
    }
}
