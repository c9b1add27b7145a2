package dev.inkan.storage;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;

/**
 * An embedded-server collection that answers any filter that requires a string {@code _id} (at the top or
 * inside {@code $and}) by looking that one document up in the {@code _id} index and matching the whole
 * filter against it. The stock collection uses an index only when the filter's keys equal the index's keys,
 * so every conditional update ({@code _id} and the expected state) scanned the whole collection. Same
 * results, O(log n) instead of O(n).
 */
final class IdLookupCollection extends H2Collection {
    private static final String ID = "_id";
    private static final String AND = "$and";

    IdLookupCollection(
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
        return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /**
     * The string every match's {@code _id} must equal, or null. Only plain strings count: operators ($in,
     * $gt...), regular expressions and documents keep the stock path.
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
