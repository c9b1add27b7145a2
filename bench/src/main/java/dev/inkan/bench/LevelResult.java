package dev.inkan.bench;

import java.util.List;

/**
 * What one level measured on one CA: the timed orders only, warm-up excluded.
 *
 * @param target        the CA's name
 * @param clients       concurrent clients
 * @param issued        certificates downloaded in the timed phase
 * @param failed        orders that ended in an error (not counting those abandoned after a stall)
 * @param abandoned     orders cut short because the level stalled or hit its time limit
 * @param seconds       wall time of the timed phase
 * @param p50Ms         median latency, newOrder to certificate downloaded
 * @param p99Ms         99th percentile latency
 * @param maxMs         slowest order
 * @param serverCpuMs   CPU of the server's processes during the timed phase
 * @param clientCpuMs   CPU of the generator (clients and http-01 responder) during the timed phase
 * @param hsmCpuMs      CPU spent in HSM signing during the timed phase, -1 if the CA does not report it
 * @param hsmSignatures HSM signatures made during the timed phase, -1 if the CA does not report it
 * @param storeKbPerCertificate the CA's store on disk after the level over every certificate it issued
 *                      (warm-up included), -1 where unknown
 * @param stall         why the level stopped early, or empty
 * @param errors        the first few distinct error messages
 * @param ocspGetPerSecond  OCSP answers per second by GET after the orders ({@link OcspLoad}), -1 where not measured
 * @param ocspPostPerSecond the same by POST
 */
public record LevelResult(String target, int clients, int issued, int failed, int abandoned, double seconds,
        double p50Ms, double p99Ms, double maxMs, long serverCpuMs, long clientCpuMs, long hsmCpuMs,
        long hsmSignatures, double storeKbPerCertificate, String stall, List<String> errors,
        double ocspGetPerSecond, double ocspPostPerSecond) {

    LevelResult(String target, int clients, int issued, int failed, int abandoned, double seconds,
            double p50Ms, double p99Ms, double maxMs, long serverCpuMs, long clientCpuMs, long hsmCpuMs,
            long hsmSignatures, double storeKbPerCertificate, String stall, List<String> errors) {
        this(target, clients, issued, failed, abandoned, seconds, p50Ms, p99Ms, maxMs, serverCpuMs, clientCpuMs,
                hsmCpuMs, hsmSignatures, storeKbPerCertificate, stall, errors, -1, -1);
    }

    /** This level with the status phase's rates and the errors of both phases. */
    LevelResult withStatus(double getPerSecond, double postPerSecond, List<String> allErrors) {
        return new LevelResult(target, clients, issued, failed, abandoned, seconds, p50Ms, p99Ms, maxMs, serverCpuMs,
                clientCpuMs, hsmCpuMs, hsmSignatures, storeKbPerCertificate, stall, allErrors, getPerSecond,
                postPerSecond);
    }

    double perSecond() {
        return seconds <= 0 ? 0 : issued / seconds;
    }

    double serverMsPerCertificate() {
        return issued == 0 ? 0 : (double) serverCpuMs / issued;
    }

    double clientMsPerCertificate() {
        return issued == 0 ? 0 : (double) clientCpuMs / issued;
    }

    double hsmMsPerCertificate() {
        return issued == 0 || hsmCpuMs < 0 ? -1 : (double) hsmCpuMs / issued;
    }

    boolean clean() {
        return failed == 0 && stall.isEmpty() && issued > 0 && errors.isEmpty();
    }

    /** A level that could not even start (the CA did not come up): recorded, not fatal. */
    static LevelResult notStarted(String target, int clients, String why) {
        return new LevelResult(target, clients, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, why, List.of(why));
    }
}
