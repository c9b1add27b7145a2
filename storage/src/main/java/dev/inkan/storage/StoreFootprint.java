package dev.inkan.storage;

import java.util.Map;

/**
 * What the store holds: per collection, its documents and their BSON bytes (the server's {@code collStats}
 * {@code count} and {@code size}: the live data, without indexes or free space); for the embedded store also
 * its file's size and how much of the file live pages fill (MVStore's fill rates), so that a size per
 * certificate can say whether it is data or space not yet reused.
 *
 * @param collections       per collection name: {@code [documents, bytes]}
 * @param fileBytes         the embedded store's file, -1 on a configured server
 * @param fileFillPercent   MVStore: the share of the file in live chunks, -1 on a configured server
 * @param chunksFillPercent MVStore: the share of those chunks in live pages, -1 on a configured server
 */
public record StoreFootprint(Map<String, long[]> collections, long fileBytes, int fileFillPercent,
        int chunksFillPercent) {

    /** Documents of every collection together. */
    public long documents() {
        return collections.values().stream().mapToLong(c -> c[0]).sum();
    }

    /** BSON bytes of every collection's documents together. */
    public long bytes() {
        return collections.values().stream().mapToLong(c -> c[1]).sum();
    }
}
