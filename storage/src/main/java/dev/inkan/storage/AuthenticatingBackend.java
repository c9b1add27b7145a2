package dev.inkan.storage;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Authentication in front of the embedded server's backend, which has none of its own: a connection proves it
 * knows the store's password by SCRAM-SHA-256 ({@code saslStart}/{@code saslContinue}, as MongoDB speaks it)
 * before any command but the handshake reaches the data. Everything else on an unauthenticated connection is
 * refused with MongoDB's {@code Unauthorized} (13), so the official driver reports it as it would for a real
 * deployment. The state lives on the connection's channel: each connection authenticates for itself.
 */
final class AuthenticatingBackend implements MongoBackend {
    static final int UNAUTHORIZED = 13;
    static final int AUTHENTICATION_FAILED = 18;
    static final int MECHANISM_UNAVAILABLE = 334;
    // The handshake: the driver's monitor connections never authenticate and send only these.
    private static final Set<String> BEFORE_AUTHENTICATION = Set.of("hello", "ismaster");
    private static final AttributeKey<Conversation> CONVERSATION = AttributeKey.valueOf("inkan.scram");
    private static final AttributeKey<Boolean> AUTHENTICATED = AttributeKey.valueOf("inkan.authenticated");
    private static final int CONVERSATION_ID = 1;

    private final MongoBackend backend;
    private final ScramSha256.Verifier verifier;

    AuthenticatingBackend(MongoBackend backend, StoreCredential credential) {
        this.backend = backend;
        this.verifier = ScramSha256.Verifier.of(credential);
    }

    private record Conversation(ScramSha256 scram) {}

    @Override
    public Document handleMessage(MongoMessage message) {
        Document document = message.getDocument();
        String command = document.keySet().iterator().next();
        Document answer = authenticate(message.getChannel(), message.getDatabaseName(), command, document);
        return answer != null ? answer : backend.handleMessage(message);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document answer = authenticate(channel, database, command, query);
        return answer != null ? answer : backend.handleCommand(channel, database, command, query);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        requireAuthenticated(query.getChannel(), "find");
        return backend.handleQuery(query);
    }

    /** The answer to a SASL step, null for a command the backend may run, or a refusal. */
    private Document authenticate(Channel channel, String database, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("saslstart")) {
            return saslStart(channel, database, query);
        }
        if (name.equals("saslcontinue")) {
            return saslContinue(channel, query);
        }
        if (!BEFORE_AUTHENTICATION.contains(name)) {
            requireAuthenticated(channel, command);
        }
        return null;
    }

    private void requireAuthenticated(Channel channel, String command) {
        if (!Boolean.TRUE.equals(channel.attr(AUTHENTICATED).get())) {
            MongoServerError e = new MongoServerError(UNAUTHORIZED, "Unauthorized",
                    "Command " + command + " requires authentication");
            e.setLogError(false);
            throw e;
        }
    }

    private Document saslStart(Channel channel, String database, Document query) {
        channel.attr(CONVERSATION).set(null);
        Object mechanism = query.get("mechanism");
        if (!ScramSha256.MECHANISM.equals(mechanism)) {
            throw error(MECHANISM_UNAVAILABLE, "MechanismUnavailable", "Received authentication for mechanism "
                    + mechanism + " which is not enabled");
        }
        if (!StoreCredential.SOURCE.equals(database)) {
            throw authenticationFailed();
        }
        ScramSha256 scram = new ScramSha256(verifier);
        String serverFirst;
        try {
            serverFirst = scram.first(payload(query));
        } catch (ScramSha256.Failure e) {
            throw authenticationFailed();
        }
        channel.attr(CONVERSATION).set(new Conversation(scram));
        return reply(false, serverFirst);
    }

    private Document saslContinue(Channel channel, Document query) {
        Conversation conversation = channel.attr(CONVERSATION).get();
        if (conversation == null || !Integer.valueOf(CONVERSATION_ID).equals(number(query.get("conversationId")))) {
            throw error(17, "ProtocolError", "No SASL session state found");
        }
        ScramSha256 scram = conversation.scram();
        if (scram.done()) {
            // the empty last step of a client that did not ask to skip it (RFC 5802 §5 with MongoDB's framing)
            channel.attr(CONVERSATION).set(null);
            return reply(true, "");
        }
        String serverFinal;
        try {
            serverFinal = scram.last(payload(query));
        } catch (ScramSha256.Failure e) {
            channel.attr(CONVERSATION).set(null);
            throw authenticationFailed();
        }
        channel.attr(AUTHENTICATED).set(Boolean.TRUE);
        if (skipsEmptyExchange(query)) {
            channel.attr(CONVERSATION).set(null);
            return reply(true, serverFinal);
        }
        return reply(false, serverFinal);
    }

    private static boolean skipsEmptyExchange(Document query) {
        return query.get("options") instanceof Document options && Boolean.TRUE.equals(options.get("skipEmptyExchange"));
    }

    private static Integer number(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }

    private static String payload(Document query) {
        Object payload = query.get("payload");
        if (payload instanceof BinData data) {
            return new String(data.getData(), StandardCharsets.UTF_8);
        }
        if (payload instanceof String text) {
            return text;
        }
        throw authenticationFailed();
    }

    private static Document reply(boolean done, String payload) {
        Document reply = new Document();
        reply.put("conversationId", CONVERSATION_ID);
        reply.put("done", done);
        reply.put("payload", new BinData(payload.getBytes(StandardCharsets.UTF_8)));
        reply.put("ok", 1.0);
        return reply;
    }

    private static MongoServerError authenticationFailed() {
        return error(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed.");
    }

    private static MongoServerError error(int code, String codeName, String message) {
        MongoServerError e = new MongoServerError(code, codeName, message);
        e.setLogError(false);
        return e;
    }

    // Everything below only passes through.

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        backend.dropDatabase(database);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        requireAuthenticated(query.getChannel(), "currentOp");
        return backend.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return backend.getServerStatus();
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }
}
