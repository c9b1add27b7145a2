package dev.inkan.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IndexKeyTextTest {
    @Test
    void testSuccess_everyScalarReadsBackAsWritten() {
        KeyValue values = new KeyValue(Arrays.asList("a:b;c", 1.5, 7L << 60, true, false, null,
                Instant.ofEpochMilli(1_772_000_000_123L), new ObjectId("0123456789abcdef01234567"), ""));
        assertEquals(values, IndexKeyText.read(IndexKeyText.of(values)));
    }

    /** Prefix-free: a value's text never starts another value's, so a range by leading values is exact. */
    @Test
    void testSuccess_oneValuesTextIsNeverThePrefixOfAnothers() {
        String one = IndexKeyText.of(new KeyValue("a1"));
        assertFalse(IndexKeyText.of(new KeyValue("a10")).startsWith(one));
        assertFalse(IndexKeyText.of(new KeyValue(1.0)).startsWith(IndexKeyText.of(new KeyValue(1.0)).replace(";", "")
                + "0;"));
        assertNotEquals(IndexKeyText.of(new KeyValue("ab", "c")), IndexKeyText.of(new KeyValue("a", "bc")));
    }

    @Test
    void testSuccess_numbersNormalizeAsMongoDbComparesThem() {
        assertEquals(1.0, IndexKeyText.normalized(1));
        assertEquals(1.0, IndexKeyText.normalized(1L));
        assertEquals(0.0, IndexKeyText.normalized(-0.0));
        assertEquals((1L << 53) + 1, IndexKeyText.normalized((1L << 53) + 1));
    }
}
