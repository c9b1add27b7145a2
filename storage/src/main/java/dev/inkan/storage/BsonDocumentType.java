package dev.inkan.storage;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store writes a document into its MVStore file: as BSON, the encoding the wire protocol
 * already uses, behind a one-byte tag. MVStore's default type writes a document with Java serialization,
 * class descriptors and all, which made the file about 120 KB per certificate and its encoding a fifth of the
 * server's CPU under load. Values written before this type existed carry one of MVStore's own tags (all below
 * 128) and are still read by MVStore's type, so an existing store opens unchanged and is rewritten in BSON
 * document by document as it changes.
 */
final class BsonDocumentType extends BasicDataType<Document> {
    /** Not one of {@link ObjectDataType}'s tags (0-119), so old and new values can share one map. */
    static final byte BSON_TAG = (byte) 0xB5;
    private static final int ENTRY_OVERHEAD = 24;

    private final ObjectDataType legacy = new ObjectDataType();

    @Override
    public void write(WriteBuffer buff, Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            byte[] bytes = new byte[bson.readableBytes()];
            bson.readBytes(bytes);
            buff.put(BSON_TAG).put(bytes);
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON_TAG) {
            return (Document) legacy.read(buff);
        }
        buff.get();
        // BSON starts with its own length, little-endian (bsonspec.org: document ::= int32 e_list "\x00").
        int length = Integer.reverseBytes(buff.getInt(buff.position()));
        byte[] bytes = new byte[length];
        buff.get(bytes);
        ByteBuf bson = Unpooled.wrappedBuffer(bytes);
        try {
            return BsonDecoder.decodeBson(bson);
        } finally {
            bson.release();
        }
    }

    /** An estimate for MVStore's page cache, without encoding the document a second time. */
    @Override
    public int getMemory(Document document) {
        return estimate(document);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    private static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = ENTRY_OVERHEAD;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                size += ENTRY_OVERHEAD + String.valueOf(e.getKey()).length() * 2 + estimate(e.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> list) {
            int size = ENTRY_OVERHEAD;
            for (Object o : list) {
                size += estimate(o);
            }
            return size;
        }
        if (value instanceof CharSequence s) {
            return ENTRY_OVERHEAD + s.length() * 2;
        }
        if (value instanceof byte[] b) {
            return ENTRY_OVERHEAD + b.length;
        }
        return ENTRY_OVERHEAD;
    }
}
