/**
 * The MongoDB implementation of the store ports ({@link dev.inkan.core.port.Stores}), through the official
 * reactive-streams driver; nothing here blocks an event loop. {@link dev.inkan.storage.Storage#open} is the
 * entry point.
 *
 * <p>Collections, one per aggregate, mapped field by field (no reflection codecs): {@code accounts},
 * {@code orders}, {@code authorizations} (challenges embedded), {@code certificates} ({@code _id} = serial),
 * {@code caCertificates} ({@code _id} = stable name), {@code nonces} ({@code _id} = nonce id),
 * {@code settings} (the nonce key) and {@code audit}. Enums are stored by name, byte arrays as BSON binary.
 *
 * <p>Instants are BSON dates (milliseconds) plus a sibling {@code <name>Nanos} field with the nanoseconds
 * within the millisecond, so every instant reads back equal to what was written; queries compare the
 * millisecond part.
 *
 * <p>Every state change is one conditional {@code findOneAndUpdate} on the state the caller expects; no
 * transactions, no TTL or partial indexes (the embedded server has none of them). A duplicate key becomes
 * {@code CaException(CONFLICT)}; any other driver error fails the future as it is.
 *
 * <p>Embedded mode (no URI): mongo-java-server in this process on 127.0.0.1, with an H2 file made durable
 * per acknowledged write ({@link dev.inkan.storage.DurableH2Backend}), reached over the wire protocol like
 * any MongoDB. Queries that do not name an {@code _id} scan their collection there (the embedded server
 * has no secondary indexes); production uses a MongoDB replica set through {@code uri}.
 */
package dev.inkan.storage;
