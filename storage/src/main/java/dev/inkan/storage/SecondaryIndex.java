package dev.inkan.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index of the embedded store, kept in its own MVMap of the store file: one entry per indexed
 * document and key value (an array field gives one entry per element, as in MongoDB), keyed by the encoded
 * values followed by the document's {@code _id}, with the {@code _id} as the value. mongo-java-server 1.47
 * answers every non-unique index with an empty one, so a query by account, token, name or status scanned
 * its whole collection and requests got slower as the store grew.
 *
 * <p>The encoding is prefix-free (a type letter, and a length or terminator), so the entries whose first
 * {@code k} fields equal given values form one contiguous range: a lookup by a leading part of a compound
 * index is one range scan. An index written in the same MVStore as its documents is committed with them in
 * one version ({@link DurableH2Backend} commits only between commands), so after a crash it holds exactly the
 * documents the store holds. A new index, or one first opened on a store that has documents, is filled from
 * them when the collection adds it.
 */
final class SecondaryIndex extends Index<Object> {
    private static final String ID = "_id";

    private final MVMap<String, Object> entries;
    private final boolean sparse;

    SecondaryIndex(MVMap<String, Object> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
        this.sparse = sparse;
    }

    /** The field names of the index, in order. */
    List<String> fields() {
        return keys();
    }

    /**
     * Adds to {@code into} the {@code _id} of every document whose leading indexed fields equal {@code values}
     * (normalized as {@link IndexKeyText#normalized}); false, leaving {@code into} partly filled, once more than {@code cap}
     * were found.
     */
    boolean positions(List<Object> values, Collection<Object> into, int cap) {
        StringBuilder prefix = new StringBuilder();
        for (Object value : values) {
            IndexKeyText.encode(prefix, value);
        }
        String from = prefix.toString();
        Cursor<String, Object> cursor = entries.cursor(from);
        while (cursor.hasNext()) {
            if (!cursor.next().startsWith(from)) {
                break;
            }
            into.add(cursor.getValue());
            if (into.size() > cap) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object getPosition(Document document) {
        // the _id index gives a document's position; this one only narrows queries
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // no uniqueness; computing the keys rejects parallel arrays before anything is written
        getKeyValues(document);
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        for (String key : entryKeys(document, position)) {
            entries.put(key, position);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = document.get(ID);
        for (String key : entryKeys(document, position)) {
            entries.remove(key);
        }
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        // IndexedCollection plans queries over these indexes; the stock planner would need the exact key set
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("queried through IndexedCollection");
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        getKeyValues(newDocument);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        Set<String> before = entryKeys(oldDocument, position);
        Set<String> after = entryKeys(newDocument, position);
        for (String key : before) {
            if (!after.contains(key)) {
                entries.remove(key);
            }
        }
        for (String key : after) {
            if (!before.contains(key)) {
                entries.put(key, position);
            }
        }
    }

    @Override
    public void drop() {
        entries.clear();
    }

    private Set<String> entryKeys(Document document, Object position) {
        if (sparse && fields().stream().allMatch(f -> Missing.isNullOrMissing(valueAt(document, f)))) {
            return Set.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        for (KeyValue keyValue : getKeyValues(document)) {
            StringBuilder key = new StringBuilder();
            for (Object value : keyValue) {
                IndexKeyText.encode(key, value);
            }
            IndexKeyText.encode(key, IndexKeyText.normalized(position));
            keys.add(key.toString());
        }
        return keys;
    }

    private static Object valueAt(Document document, String field) {
        return Utils.getSubdocumentValueCollectionAware(document, field);
    }
}
