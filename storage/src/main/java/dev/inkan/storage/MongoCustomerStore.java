package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.inkan.core.port.CustomerStore;
import dev.inkan.core.reseller.Customer;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Collection {@code customers}, indexed by reseller and id for its newest-first pages. */
final class MongoCustomerStore implements CustomerStore {
    static final String COLLECTION = "customers";

    private final Driver driver;
    private final MongoCollection<Document> customers;

    private MongoCustomerStore(Driver driver, MongoCollection<Document> customers) {
        this.driver = driver;
        this.customers = customers;
    }

    static MongoCustomerStore open(Driver driver, MongoDatabase db) {
        return new MongoCustomerStore(driver, db.getCollection(COLLECTION)); // its indexes: Indexes
    }

    @Override
    public Future<Customer> insert(Customer c) {
        Document d = Times.put(new Document("_id", c.id()).append("resellerId", c.resellerId())
                .append("name", c.name()).append("email", c.email()).append("notifySubscriber", c.notifySubscriber())
                .append("organizationId", c.organizationId()).append("accountId", c.accountId()),
                "createdAt", c.createdAt());
        return driver.write(customers.insertOne(d), "a customer with this id already exists").map(ignored -> c);
    }

    @Override
    public Future<Optional<Customer>> byId(String id) {
        return driver.first(customers.find(eq("_id", id)).first()).map(d -> d.map(MongoCustomerStore::read));
    }

    @Override
    public Future<List<Customer>> byReseller(String resellerId, String beforeId, int limit) {
        Bson filter = beforeId == null ? eq("resellerId", resellerId)
                : and(eq("resellerId", resellerId), lt("_id", beforeId));
        return driver.all(customers.find(filter).sort(Sorts.descending("_id")).limit(limit))
                .map(ds -> ds.stream().map(MongoCustomerStore::read).toList());
    }

    private static Customer read(Document d) {
        return new Customer(d.getString("_id"), d.getString("resellerId"), d.getString("name"), d.getString("email"),
                d.getBoolean("notifySubscriber", false), d.getString("organizationId"), d.getString("accountId"),
                Times.get(d, "createdAt"));
    }
}
