package dev.inkan.storage;

import java.nio.file.Path;

/**
 * Where the store lives.
 *
 * @param uri          a MongoDB connection string (production: a replica set), or null/blank for the embedded
 *                     server
 * @param database     the database name; {@code inkan} when null or blank
 * @param embeddedFile the H2 MVStore file of the embedded server (e.g. {@code INKAN_HOME/store/inkan.mv}); null
 *                     keeps the embedded data in memory only (tests)
 * @param embeddedPort the 127.0.0.1 port of the embedded server; 0 picks a free one
 */
public record StorageConfig(String uri, String database, Path embeddedFile, int embeddedPort) {
    public static final String DEFAULT_DATABASE = "inkan";

    public StorageConfig {
        if (database == null || database.isBlank()) {
            database = DEFAULT_DATABASE;
        }
        if (embeddedPort < 0 || embeddedPort > 65535) {
            throw new IllegalArgumentException("embeddedPort must be 0..65535, was " + embeddedPort);
        }
    }

    /** The embedded server on a free port, persisted in {@code file}. */
    public static StorageConfig embedded(Path file) {
        return new StorageConfig(null, DEFAULT_DATABASE, file, 0);
    }

    /** The embedded server on a free port, nothing persisted: for tests. */
    public static StorageConfig inMemory() {
        return new StorageConfig(null, DEFAULT_DATABASE, null, 0);
    }

    /** A real MongoDB deployment. */
    public static StorageConfig remote(String uri, String database) {
        return new StorageConfig(uri, database, null, 0);
    }

    public boolean isEmbedded() {
        return uri == null || uri.isBlank();
    }
}
