package dev.inkan.bench;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AcmeJsonResource;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * One client's issuance as certbot makes it: newOrder for one fresh name, http-01 answered by the bench's
 * own responder, finalize, poll, download. Polls every {@code poll} while an object is pending or processing.
 */
final class IssuanceFlow {
    private final Account account;
    private final Http01Server http01;
    private final Duration poll;
    private final Duration limit;
    private final String run;
    private final Consumer<List<X509Certificate>> issued;
    private int sequence;

    /** @param issued receives each downloaded chain (the status phase asks about them) */
    IssuanceFlow(Account account, Http01Server http01, Duration poll, Duration limit,
            Consumer<List<X509Certificate>> issued) {
        this.account = account;
        this.issued = issued;
        this.http01 = http01;
        this.poll = poll;
        this.limit = limit;
        this.run = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Issues one certificate for a fresh name; its latency, newOrder to certificate downloaded, in nanoseconds. */
    long issueOnce() throws Exception {
        String domain = "b" + (sequence++) + "-" + run + "-" + UUID.randomUUID().toString().substring(0, 8)
                + ".bench.example.com";
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        Order order = account.newOrder().domain(domain).create();
        for (Authorization auth : order.getAuthorizations()) {
            if (auth.getStatus() == Status.VALID) {
                continue;
            }
            Http01Challenge c = auth.findChallenge(Http01Challenge.class).orElseThrow(
                    () -> new IllegalStateException("no http-01 challenge offered for " + domain));
            http01.put(c.getToken(), c.getAuthorization());
            try {
                c.trigger();
                await(auth, deadline, List.of(Status.PENDING, Status.PROCESSING));
                if (auth.getStatus() != Status.VALID) {
                    c.fetch();
                    throw new IllegalStateException("authorization " + auth.getStatus() + ": "
                            + c.getError().map(Object::toString).orElse("no error given"));
                }
            } finally {
                http01.remove(c.getToken());
            }
        }
        await(order, deadline, List.of(Status.PENDING));
        KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
        order.execute(key);
        await(order, deadline, List.of(Status.READY, Status.PROCESSING));
        if (order.getStatus() != Status.VALID) {
            throw new IllegalStateException("order " + order.getStatus() + ": "
                    + order.getError().map(Object::toString).orElse("no error given"));
        }
        order.getCertificate().download();
        long nanos = System.nanoTime() - start;
        issued.accept(order.getCertificate().getCertificateChain());
        return nanos;
    }

    private void await(AcmeJsonResource resource, long deadline, List<Status> waiting) throws Exception {
        while (waiting.contains(status(resource))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(resource.getLocation() + " still " + status(resource) + " after " + limit);
            }
            Thread.sleep(poll.toMillis());
            resource.fetch();
        }
    }

    private static Status status(AcmeJsonResource r) {
        return Status.parse(r.getJSON().get("status").asString());
    }
}
