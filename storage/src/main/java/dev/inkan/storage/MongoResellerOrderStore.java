package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.inkan.core.error.Problem;
import dev.inkan.core.port.ResellerOrderStore;
import dev.inkan.core.reseller.ResellerOrder;
import dev.inkan.core.reseller.ResellerOrderStatus;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * Collection {@code resellerOrders}. The per-name methods are a list of {@code {name, method}} documents, since
 * names hold dots, which field names may not.
 */
final class MongoResellerOrderStore implements ResellerOrderStore {
    static final String COLLECTION = "resellerOrders";

    private final Driver driver;
    private final MongoCollection<Document> orders;

    private MongoResellerOrderStore(Driver driver, MongoCollection<Document> orders) {
        this.driver = driver;
        this.orders = orders;
    }

    static MongoResellerOrderStore open(Driver driver, MongoDatabase db) {
        return new MongoResellerOrderStore(driver, db.getCollection(COLLECTION)); // its indexes: Indexes
    }

    @Override
    public Future<ResellerOrder> insert(ResellerOrder o) {
        List<Document> validations = new ArrayList<>();
        o.methods().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> validations.add(new Document("name", e.getKey()).append("method", e.getValue())));
        Document d = new Document("_id", o.id()).append("resellerId", o.resellerId())
                .append("customerId", o.customerId()).append("status", o.status().name())
                .append("names", o.names()).append("validations", validations).append("profile", o.profile())
                .append("csr", new Binary(o.csrDer())).append("raOrderId", o.raOrderId())
                .append("reissueOf", o.reissueOf()).append("certificateSerial", o.certificateSerial())
                .append("error", ProblemDocument.of(o.error()));
        Times.put(d, "notAfter", o.notAfter());
        Times.put(d, "createdAt", o.createdAt());
        Times.put(d, "updatedAt", o.updatedAt());
        Times.put(d, "remindedAt", o.remindedAt());
        return driver.write(orders.insertOne(d), "an order with this id already exists").map(ignored -> o);
    }

    @Override
    public Future<Optional<ResellerOrder>> byId(String id) {
        return one(eq("_id", id));
    }

    @Override
    public Future<Optional<ResellerOrder>> byRaOrderId(String raOrderId) {
        return one(eq("raOrderId", raOrderId));
    }

    @Override
    public Future<Optional<ResellerOrder>> byCertificateSerial(String serial) {
        return one(eq("certificateSerial", serial));
    }

    @Override
    public Future<List<ResellerOrder>> byReseller(String resellerId, ResellerOrderStatus status, String name,
            String beforeId, int limit) {
        List<Bson> filters = new ArrayList<>(List.of(eq("resellerId", resellerId)));
        if (status != null) {
            filters.add(eq("status", status.name()));
        }
        if (name != null) {
            filters.add(eq("names", name)); // eq on an array matches any element
        }
        if (beforeId != null) {
            filters.add(lt("_id", beforeId));
        }
        return many(orders.find(and(filters)).sort(Sorts.descending("_id")).limit(limit));
    }

    @Override
    public Future<List<ResellerOrder>> moving(int limit) {
        return many(orders.find(in("status", ResellerOrderStatus.PENDING.name(), ResellerOrderStatus.PROCESSING.name()))
                .sort(Sorts.ascending("updatedAt")).limit(limit));
    }

    @Override
    public Future<Optional<ResellerOrder>> transition(String id, ResellerOrderStatus from, ResellerOrderStatus to,
            String serial, Instant notAfter, Problem error, Instant at) {
        Document set = new Document("status", to.name());
        if (serial != null) {
            set.append("certificateSerial", serial);
            Times.put(set, "notAfter", notAfter);
        }
        if (error != null) {
            set.append("error", ProblemDocument.of(error));
        }
        Times.put(set, "updatedAt", at);
        return Conditional.update(driver, orders, Conditional.expected(id, from.name()), new Document("$set", set),
                "order " + id, MongoResellerOrderStore::read);
    }

    @Override
    public Future<Optional<ResellerOrder>> switchMethod(String id, String name, String method, Instant at) {
        // Optimistic: the update matches only the validations list it was computed from.
        return driver.first(orders.find(eq("_id", id)).first()).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            List<Document> before = found.get().getList("validations", Document.class, List.of());
            List<Document> after = new ArrayList<>();
            for (Document v : before) {
                after.add(new Document("name", v.getString("name"))
                        .append("method", name.equals(v.getString("name")) ? method : v.getString("method")));
            }
            Document set = Times.put(new Document("validations", after), "updatedAt", at);
            return Conditional.update(driver, orders,
                    and(eq("_id", id), eq("status", ResellerOrderStatus.PENDING.name()), eq("validations", before)),
                    new Document("$set", set), "order " + id, MongoResellerOrderStore::read);
        });
    }

    @Override
    public Future<List<ResellerOrder>> unremindedExpiringBefore(Instant before, int limit) {
        return many(orders.find(and(eq("status", ResellerOrderStatus.ISSUED.name()),
                lt("notAfter", Times.date(before)), eq("remindedAt", null))).limit(limit));
    }

    @Override
    public Future<Optional<ResellerOrder>> markReminded(String id, Instant at) {
        return Conditional.update(driver, orders, and(eq("_id", id), eq("remindedAt", null)),
                new Document("$set", Times.put(new Document(), "remindedAt", at)), "order " + id,
                MongoResellerOrderStore::read);
    }

    private Future<Optional<ResellerOrder>> one(Bson filter) {
        return driver.first(orders.find(filter).first()).map(d -> d.map(MongoResellerOrderStore::read));
    }

    private Future<List<ResellerOrder>> many(org.reactivestreams.Publisher<Document> found) {
        return driver.all(found).map(ds -> ds.stream().map(MongoResellerOrderStore::read).toList());
    }

    private static ResellerOrder read(Document d) {
        Map<String, String> methods = new LinkedHashMap<>();
        for (Document v : d.getList("validations", Document.class, List.of())) {
            methods.put(v.getString("name"), v.getString("method"));
        }
        Binary csr = d.get("csr", Binary.class);
        return new ResellerOrder(d.getString("_id"), d.getString("resellerId"), d.getString("customerId"),
                ResellerOrderStatus.valueOf(d.getString("status")), d.getList("names", String.class, List.of()),
                methods, d.getString("profile"), csr == null ? new byte[0] : csr.getData(), d.getString("raOrderId"),
                d.getString("reissueOf"), d.getString("certificateSerial"), Times.get(d, "notAfter"),
                ProblemDocument.read(d.get("error", Document.class)), Times.get(d, "createdAt"),
                Times.get(d, "updatedAt"), Times.get(d, "remindedAt"));
    }
}
