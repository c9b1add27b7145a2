package dev.inkan.storage;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Index keys of the embedded store as text, the key type of its index maps ({@link SecondaryIndex},
 * {@link UniqueIndex}). MVStore compares text natively; the stock maps keyed a {@link KeyValue}, which MVStore
 * wrote with Java serialization and compared by serializing both sides at every step of every lookup.
 *
 * <p>Prefix-free: a type letter, then a length and ':', a value and ';', or a fixed width, so a sequence of
 * values reads back one way only and the keys that start with given values form one range. Equal values (as
 * MongoDB compares them, numbers normalized as mongo-java-server does) give equal text.
 */
final class IndexKeyText {
    private static final int OBJECT_ID_HEX = 24;

    private IndexKeyText() {}

    static String of(KeyValue values) {
        StringBuilder out = new StringBuilder();
        for (Object value : values) {
            encode(out, value);
        }
        return out.toString();
    }

    /**
     * A query value as the indexes store it: numbers as doubles (unless a long a double cannot hold), as
     * mongo-java-server normalizes index keys, so that 1, 1L and 1.0 meet as in MongoDB.
     */
    static Object normalized(Object value) {
        if (Missing.isNullOrMissing(value)) {
            return null;
        }
        if (value instanceof Long l && (long) l.doubleValue() != l.longValue()) {
            return value;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == 0.0 ? 0.0 : d;
        }
        return value;
    }

    /** Whether a query value can be looked up: one {@link #encode} writes exactly. */
    static boolean indexable(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Date || value instanceof Instant;
    }

    static void encode(StringBuilder out, Object value) {
        if (value == null || value instanceof Missing) {
            out.append('n');
        } else if (value instanceof String s) {
            out.append('s').append(s.length()).append(':').append(s);
        } else if (value instanceof Long l) {
            out.append('l').append(l.longValue()).append(';');
        } else if (value instanceof Number n) {
            out.append('d').append(n.doubleValue()).append(';');
        } else if (value instanceof Boolean b) {
            out.append(b ? 'T' : 'F');
        } else if (value instanceof Date d) {
            out.append('t').append(d.getTime()).append(';');
        } else if (value instanceof Instant i) {
            out.append('t').append(i.toEpochMilli()).append(';');
        } else if (value instanceof ObjectId id) {
            out.append('o').append(id.getHexData());
        } else {
            // documents and arrays as values: never looked up by value (not indexable), so stable text will do
            String text = value.getClass().getName() + '=' + value;
            out.append('x').append(text.length()).append(':').append(text);
        }
    }

    /** The values {@link #of} wrote, for the stock planner's rare listing of a whole unique index. */
    static KeyValue read(String text) {
        List<Object> values = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char type = text.charAt(i++);
            switch (type) {
                case 'n' -> values.add(null);
                case 'T' -> values.add(Boolean.TRUE);
                case 'F' -> values.add(Boolean.FALSE);
                case 'o' -> {
                    values.add(new ObjectId(text.substring(i, i + OBJECT_ID_HEX)));
                    i += OBJECT_ID_HEX;
                }
                case 'd', 'l', 't' -> {
                    int end = text.indexOf(';', i);
                    String number = text.substring(i, end);
                    values.add(type == 'd' ? Double.valueOf(number)
                            : type == 'l' ? Long.valueOf(number) : Instant.ofEpochMilli(Long.parseLong(number)));
                    i = end + 1;
                }
                case 's' -> {
                    int colon = text.indexOf(':', i);
                    int length = Integer.parseInt(text.substring(i, colon));
                    values.add(text.substring(colon + 1, colon + 1 + length));
                    i = colon + 1 + length;
                }
                default -> throw new UnsupportedOperationException("an index key of a document or array value: " + text);
            }
        }
        return new KeyValue(values);
    }
}
