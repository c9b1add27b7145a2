package dev.inkan.ra.fake;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.IssuanceQueue;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The issuance queue in a map, claims in insertion order. */
public final class InMemoryIssuanceQueue implements IssuanceQueue {
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    @Override
    public synchronized Future<Void> enqueue(Job job) {
        if (jobs.putIfAbsent(job.orderId(), job) != null) {
            return Future.failedFuture(new CaException(ErrorKind.CONFLICT, "queued already"));
        }
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Optional<Job>> claim(String holder) {
        for (Job j : jobs.values()) {
            if (j.holder() == null) {
                Job claimed = j.heldBy(holder, j.attempts() + 1);
                jobs.put(j.orderId(), claimed);
                return Future.succeededFuture(Optional.of(claimed));
            }
        }
        return Future.succeededFuture(Optional.empty());
    }

    @Override
    public synchronized Future<Long> releaseOthers(String holder) {
        long n = 0;
        for (Job j : jobs.values()) {
            if (j.holder() != null && !j.holder().equals(holder)) {
                jobs.put(j.orderId(), j.heldBy(null, j.attempts()));
                n++;
            }
        }
        return Future.succeededFuture(n);
    }

    @Override
    public synchronized Future<Boolean> done(String orderId, String holder) {
        Job j = jobs.get(orderId);
        if (j == null || !holder.equals(j.holder())) {
            return Future.succeededFuture(false);
        }
        jobs.remove(orderId);
        return Future.succeededFuture(true);
    }

    @Override
    public synchronized Future<Boolean> holds(String orderId) {
        return Future.succeededFuture(jobs.containsKey(orderId));
    }

    @Override
    public synchronized Future<Long> depth() {
        return Future.succeededFuture((long) jobs.size());
    }
}
