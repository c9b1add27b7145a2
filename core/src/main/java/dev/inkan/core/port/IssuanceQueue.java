package dev.inkan.core.port;

import dev.inkan.core.vetting.OrganizationSubject;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Finalized orders waiting for the signer, when front ends and the signer are separate processes
 * (docs/design/signer-handover.md). A job is one PROCESSING order with what the CA needs from its CSR; the signer
 * claims it with a conditional update, so two signers never hold the same job, and deletes it when the order has its
 * outcome. Only the active signer (the holder of the signer lease) claims.
 */
public interface IssuanceQueue {

    /**
     * @param orderId   the queue key: an order is queued at most once
     * @param caProfile the CA profile the RA chose ({@code dv}, {@code ov}, ...)
     * @param holder    the signer working on it, or null while it waits
     * @param attempts  how many times a signer has claimed it
     * @param organization OV: the vetted organization's subject the RA checked at finalize; null otherwise
     */
    record Job(String orderId, String accountId, String caProfile, byte[] subjectPublicKeyInfo, List<String> dnsNames,
            Instant queuedAt, String holder, int attempts, OrganizationSubject organization) {
        public Job {
            dnsNames = List.copyOf(dnsNames);
            subjectPublicKeyInfo = subjectPublicKeyInfo.clone();
        }

        /** A job without an organization (DV and short-lived profiles). */
        public Job(String orderId, String accountId, String caProfile, byte[] subjectPublicKeyInfo,
                List<String> dnsNames, Instant queuedAt, String holder, int attempts) {
            this(orderId, accountId, caProfile, subjectPublicKeyInfo, dnsNames, queuedAt, holder, attempts, null);
        }

        /** The same job, now held by {@code holder} after {@code attempts} claims. */
        public Job heldBy(String holder, int attempts) {
            return new Job(orderId, accountId, caProfile, subjectPublicKeyInfo, dnsNames, queuedAt, holder, attempts,
                    organization);
        }
    }

    /** Adds a waiting job; fails with CONFLICT when the order is queued already. */
    Future<Void> enqueue(Job job);

    /** The oldest waiting job, now held by {@code holder} with one more attempt; empty when none waits. */
    Future<Optional<Job>> claim(String holder);

    /**
     * Puts back every job a holder other than {@code holder} had claimed: a new active signer does this once, after
     * taking the lease and closing the issuance its predecessor left half-way. @return how many were put back
     */
    Future<Long> releaseOthers(String holder);

    /** Removes the job once its order has its outcome, if {@code holder} still holds it. */
    Future<Boolean> done(String orderId, String holder);

    /** Whether the order has a job, waiting or held. */
    Future<Boolean> holds(String orderId);

    /** How many jobs wait or are held. */
    Future<Long> depth();
}
