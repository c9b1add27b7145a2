package dev.inkan.storage;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * An embedded-server collection that answers a query from an index whenever the query requires fields an
 * index covers to equal given values, then matches the whole query against the documents found. The stock
 * collection uses an index only when the query's keys equal a unique index's keys, and has no non-unique
 * indexes at all, so conditional updates ({@code _id} and the expected state) and every query by account,
 * token, name or status scanned the whole collection. Same results (the documents found are matched against
 * the whole query, in the stock order when the query sorts nothing), in time that does not grow with the
 * collection.
 *
 * <p>The order of preference: a string {@code _id} the query requires; otherwise the {@link SecondaryIndex}
 * whose leading fields the query fixes and which finds the fewest documents; otherwise the stock path.
 */
final class IndexedCollection extends H2Collection {
    private static final String ID = "_id";
    private static final String AND = "$and";
    // a query fixing a field to more values than this ($in) is left to the stock path
    private static final int MAX_LOOKUPS = 64;

    private final LongAdder scans = new LongAdder();

    IndexedCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> data,
            MVMap<String, Object> meta,
            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, data, meta, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
        String id = requiredId(query);
        if (id != null) {
            Document byId = new Document(ID, id);
            for (Index<Object> index : getIndexes()) {
                if (index.canHandle(byId)) {
                    return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize, fieldSelector);
                }
            }
        }
        if (!isNaturalOrder(orderBy)) {
            Collection<Object> found = narrowest(requiredValues(query));
            if (found != null) {
                List<Object> positions = new ArrayList<>(found);
                if (orderBy == null || orderBy.isEmpty()) {
                    // the order a scan of the collection would give, so results do not depend on the path taken
                    positions.sort(ValueComparator.asc());
                }
                Stream<Document> documents = positions.stream().map(this::getDocument).filter(Objects::nonNull);
                return matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, fieldSelector);
            }
        }
        if (!query.isEmpty() && getIndexes().stream().noneMatch(index -> index.canHandle(query))) {
            scans.increment();
        }
        return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /** How many queries with a filter were answered by reading the whole collection since it was opened. */
    long scans() {
        return scans.sum();
    }

    /**
     * The positions found by the secondary index that finds the fewest for {@code required}, or null when
     * no secondary index has its first field in it. Each candidate stops as soon as it finds more than the
     * best so far.
     */
    private Collection<Object> narrowest(Map<String, List<Object>> required) {
        if (required.isEmpty()) {
            return null;
        }
        Collection<Object> best = null;
        for (Index<Object> index : getIndexes()) {
            if (!(index instanceof SecondaryIndex secondary)) {
                continue;
            }
            List<List<Object>> lookups = lookups(secondary.fields(), required);
            if (lookups.isEmpty()) {
                continue;
            }
            Set<Object> found = new LinkedHashSet<>();
            int cap = best == null ? Integer.MAX_VALUE - 1 : best.size();
            boolean complete = true;
            for (List<Object> values : lookups) {
                if (!secondary.positions(values, found, cap)) {
                    complete = false;
                    break;
                }
            }
            if (complete) {
                best = found;
            }
        }
        return best;
    }

    /**
     * Every combination of values the query allows for the longest leading run of {@code fields} it fixes:
     * [[a1, b1], [a1, b2]] for {@code a = a1, b in (b1, b2)} on an index (a, b, c). Empty when the first field
     * is not fixed or the combinations are too many.
     */
    static List<List<Object>> lookups(List<String> fields, Map<String, List<Object>> required) {
        List<List<Object>> combinations = List.of(List.of());
        for (String field : fields) {
            List<Object> values = required.get(field);
            if (values == null || combinations.size() * values.size() > MAX_LOOKUPS) {
                break;
            }
            List<List<Object>> longer = new ArrayList<>();
            for (List<Object> prefix : combinations) {
                for (Object value : values) {
                    List<Object> next = new ArrayList<>(prefix);
                    next.add(value);
                    longer.add(next);
                }
            }
            combinations = longer;
        }
        return combinations.get(0).isEmpty() ? List.of() : combinations;
    }

    /**
     * The values each field must equal for a document to match: plain values and {@code $eq} (at the top or
     * inside {@code $and}), {@code $in} lists, and the fields of an {@code $elemMatch} (as {@code array.field}).
     * Anything else ($or, ranges, $ne, null, documents, arrays, regular expressions) fixes nothing. A field fixed
     * twice keeps its first list: any one of them narrows correctly, the whole query is matched afterwards.
     */
    static Map<String, List<Object>> requiredValues(Document query) {
        Map<String, List<Object>> required = new LinkedHashMap<>();
        collect("", query, required);
        return required;
    }

    private static void collect(String prefix, Document query, Map<String, List<Object>> required) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String key = condition.getKey();
            Object value = condition.getValue();
            if (key.equals(AND) && value instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document d) {
                        collect(prefix, d, required);
                    }
                }
            } else if (!key.startsWith("$")) {
                List<Object> values = valuesOf(prefix + key, value, required);
                if (values != null) {
                    required.putIfAbsent(prefix + key, values);
                }
            }
        }
    }

    private static List<Object> valuesOf(String field, Object condition, Map<String, List<Object>> required) {
        if (IndexKeyText.indexable(condition)) {
            return List.of(IndexKeyText.normalized(condition));
        }
        if (!(condition instanceof Document operators)) {
            return null;
        }
        if (operators.get("$elemMatch") instanceof Document element) {
            collect(field + ".", element, required);
        }
        if (operators.containsKey("$eq") && IndexKeyText.indexable(operators.get("$eq"))) {
            return List.of(IndexKeyText.normalized(operators.get("$eq")));
        }
        if (operators.get("$in") instanceof Collection<?> in && !in.isEmpty()
                && in.stream().allMatch(IndexKeyText::indexable)) {
            return in.stream().map(IndexKeyText::normalized).distinct().toList();
        }
        return null;
    }

    private static boolean isNaturalOrder(Document orderBy) {
        return orderBy != null && orderBy.containsKey("$natural");
    }

    /**
     * The string every match's {@code _id} must equal, or null. Only plain strings count: operators ($in,
     * $gt...), regular expressions and documents keep the other paths.
     */
    static String requiredId(Document query) {
        if (query.get(ID) instanceof String id) {
            return id;
        }
        if (query.get(AND) instanceof List<?> clauses) {
            for (Object clause : clauses) {
                String id = clause instanceof Document d ? requiredId(d) : null;
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }
}
