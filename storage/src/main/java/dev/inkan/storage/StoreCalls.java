package dev.inkan.storage;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.bson.BsonValue;

/**
 * Every command this process sent to the store, counted by collection and command ({@code "orders find"},
 * {@code "audit insert"}), as the driver sends them: what a request or a poller costs in round trips, which the
 * latency timer alone cannot say. Handshake and authentication commands count under their own name.
 */
public final class StoreCalls implements CommandListener {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String command = event.getCommandName();
        BsonValue target = event.getCommand().get(command);
        String key = target != null && target.isString() ? target.asString().getValue() + " " + command : command;
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** The counts so far, by {@code "collection command"}, sorted by key. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((key, count) -> snapshot.put(key, count.sum()));
        return snapshot;
    }

    /** All commands so far. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
