package dev.inkan.storage;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;

/**
 * Maps the vetting records (plain records of strings, numbers, booleans, enums, instants, nested records and lists
 * of them) to documents field by field, the component names as field names. Instants keep their nanoseconds
 * ({@link Times}). The {@code idField} component becomes {@code _id}.
 */
final class RecordCodec<T extends Record> {
    private final Class<T> type;
    private final String idField;

    RecordCodec(Class<T> type, String idField) {
        this.type = type;
        this.idField = idField;
    }

    Document write(T value) {
        Document d = encodeRecord(value);
        if (idField != null) {
            d.put("_id", d.remove(idField));
        }
        return d;
    }

    T read(Document d) {
        Document copy = new Document(d);
        if (idField != null) {
            copy.put(idField, copy.remove("_id"));
        }
        return type.cast(decodeRecord(type, copy));
    }

    private static Document encodeRecord(Record r) {
        Document d = new Document();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (v instanceof Instant t) {
                Times.put(d, c.getName(), t);
            } else {
                d.put(c.getName(), encode(v));
            }
        }
        return d;
    }

    private static Object encode(Object v) {
        if (v == null || v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Record r) {
            return encodeRecord(r);
        }
        if (v instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(o instanceof Instant t ? Times.date(t) : encode(o));
            }
            return out;
        }
        throw new IllegalArgumentException("cannot store a " + v.getClass());
    }

    private static Object decodeRecord(Class<?> recordType, Document d) {
        RecordComponent[] cs = recordType.getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            args[i] = cs[i].getType() == Instant.class
                    ? Times.get(d, cs[i].getName())
                    : decode(cs[i].getType(), cs[i].getGenericType(), d.get(cs[i].getName()));
        }
        try {
            Constructor<?> k = recordType.getDeclaredConstructor(types);
            k.setAccessible(true);
            return k.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read a " + recordType.getSimpleName() + " from " + d.toJson(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object decode(Class<?> t, Type generic, Object v) {
        if (t == int.class) {
            return v == null ? 0 : ((Number) v).intValue();
        }
        if (t == long.class) {
            return v == null ? 0L : ((Number) v).longValue();
        }
        if (t == boolean.class) {
            return v != null && (Boolean) v;
        }
        if (v == null) {
            return null;
        }
        if (t == String.class || t == Integer.class || t == Long.class || t == Boolean.class) {
            return v;
        }
        if (t.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) t, (String) v);
        }
        if (t.isRecord()) {
            return decodeRecord(t, (Document) v);
        }
        if (t == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Class<?> el = (Class<?>) element;
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                out.add(decode(el, el, o));
            }
            return out;
        }
        throw new IllegalArgumentException("cannot read a " + t);
    }
}
