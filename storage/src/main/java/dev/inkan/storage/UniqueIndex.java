package dev.inkan.storage;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.Map.Entry;
import org.h2.mvstore.MVMap;

/**
 * A unique index of the embedded store ({@code _id} above all) keyed by {@link IndexKeyText}. The stock one
 * keyed a {@link KeyValue} that MVStore wrote with Java serialization (about 150 bytes for a one-string key)
 * and compared by serializing both sides at every step of a lookup, a visible share of the server's CPU that
 * grew with the store. Same behaviour otherwise ({@link AbstractUniqueIndex} decides everything).
 */
final class UniqueIndex extends AbstractUniqueIndex<Object> {
    private final MVMap<String, Object> entries;

    UniqueIndex(MVMap<String, Object> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return entries.remove(IndexKeyText.of(keyValue));
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return entries.putIfAbsent(IndexKeyText.of(keyValue), Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return () -> entries.entrySet().stream()
                .<Entry<KeyValue, Object>>map(e -> new SimpleImmutableEntry<>(IndexKeyText.read(e.getKey()), e.getValue()))
                .iterator();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return entries.get(IndexKeyText.of(keyValue));
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
}
