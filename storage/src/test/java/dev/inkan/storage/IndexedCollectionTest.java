package dev.inkan.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexedCollectionTest {
    @Test
    void testSuccess_topLevelStringIdIsRequired() {
        assertEquals("o-1", IndexedCollection.requiredId(new Document("_id", "o-1").append("status", "PENDING")));
    }

    @Test
    void testSuccess_idInsideNestedAndIsRequired() {
        Document inner = new Document("$and", List.of(new Document("_id", "a-1"), new Document("status", "PENDING")));
        Document query = new Document("$and", List.of(inner, new Document("challenges", new Document("$elemMatch", new Document()))));
        assertEquals("a-1", IndexedCollection.requiredId(query));
    }

    @Test
    void testSuccess_operatorsAndOtherTypesKeepTheStockPath() {
        assertNull(IndexedCollection.requiredId(new Document("_id", new Document("$in", List.of("a", "b")))));
        assertNull(IndexedCollection.requiredId(new Document("_id", 7)));
        assertNull(IndexedCollection.requiredId(new Document("$or", List.of(new Document("_id", "a")))));
        assertNull(IndexedCollection.requiredId(new Document("accountId", "acct-1")));
    }

    @Test
    void testSuccess_equalitiesInAndInAndElemMatchFixFields() {
        Document query = new Document("$and", List.of(new Document("accountId", "acct-1"),
                new Document("status", new Document("$in", List.of("PENDING", "READY"))),
                new Document("challenges", new Document("$elemMatch", new Document("token", "k-1"))),
                new Document("count", 3)));
        assertEquals(Map.of("accountId", List.of("acct-1"), "status", List.of("PENDING", "READY"),
                "challenges.token", List.of("k-1"), "count", List.of(3.0)), IndexedCollection.requiredValues(query));
    }

    @Test
    void testSuccess_rangesNullsOrsAndDocumentsFixNothing() {
        Document query = new Document("updatedAt", new Document("$lt", new java.util.Date(0)))
                .append("holder", null)
                .append("$or", List.of(new Document("a", "x")))
                .append("identifiers", List.of(new Document("type", "dns")))
                .append("status", new Document("$ne", "VALID"));
        assertEquals(Map.of(), IndexedCollection.requiredValues(query));
    }

    @Test
    void testSuccess_lookupsCoverTheLongestFixedLeadingFields() {
        Map<String, List<Object>> required = Map.of("a", List.of("a1"), "b", List.of("b1", "b2"), "d", List.of("d1"));
        assertEquals(List.of(List.of("a1", "b1"), List.of("a1", "b2")),
                IndexedCollection.lookups(List.of("a", "b", "c", "d"), required));
        assertEquals(List.of(), IndexedCollection.lookups(List.of("c", "a"), required));
    }
}
