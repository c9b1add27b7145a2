package dev.inkan.ra.op;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.IssuanceQueue;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders left PROCESSING by a crash: nothing will ever finish their issuance, so they are failed with a
 * problem that tells the client to retry (RFC 8555 §7.1.6: processing leads to valid or invalid). Where finalized
 * orders are queued for a signer, an order whose job is still queued is not stuck: the signer issues it; one
 * without a job was lost by a front end that died between marking it PROCESSING and queueing it.
 */
public final class InterruptedOrderRecovery {
    static final String DETAIL = "issuance interrupted, please retry";

    private final OperationContext ctx;

    public InterruptedOrderRecovery(OperationContext ctx) {
        this.ctx = ctx;
    }

    /** @return how many orders were failed */
    public Future<Integer> run(Duration olderThan) {
        return run(olderThan, null);
    }

    /**
     * @param queue where front ends queue finalized orders for the signer; null where issuance runs in this process
     * @return how many orders were failed
     */
    public Future<Integer> run(Duration olderThan, IssuanceQueue queue) {
        return ctx.orders().processingSince(ctx.now().minus(olderThan)).compose(stuck -> {
            List<Future<Optional<Order>>> failed = stuck.stream()
                    .map(order -> queue == null ? fail(order) : queue.holds(order.id())
                            .compose(queued -> queued ? Future.succeededFuture(Optional.<Order>empty()) : fail(order)))
                    .toList();
            return Future.all(failed).map(done -> (int) failed.stream()
                    .filter(f -> f.result().isPresent())
                    .count());
        });
    }

    private Future<Optional<Order>> fail(Order order) {
        Problem problem = Problem.of(ErrorKind.SERVER_INTERNAL, DETAIL);
        return ctx.orders().fail(order.id(), OrderStatus.PROCESSING, problem, ctx.now()).compose(done -> done.isEmpty()
                ? Future.succeededFuture(done)
                : ctx.audit().record("order.recovered", AuditTrail.SYSTEM, order.id(),
                        Map.of("processingSince", order.updatedAt().toString())).map(done));
    }
}
