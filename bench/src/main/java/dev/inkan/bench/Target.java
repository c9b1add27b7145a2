package dev.inkan.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** A CA under test, started on fresh state for one level and stopped after it. */
interface Target {
    String name();

    /** Starts the CA with its state under {@code work}; the caller closes the result. */
    Running start(Path work) throws Exception;

    /** A started CA: where its directory is, whose CPU to count, and how much of it went to the HSM. */
    interface Running extends AutoCloseable {
        URI directory();

        Path trustRoot();

        int http01Port();

        /** The server's processes; their CPU is the server's cost. */
        List<Long> pids();

        /** CPU milliseconds spent in HSM signing so far, or -1 where the CA does not say. */
        default long hsmCpuMillis() {
            return -1;
        }

        /** Signatures the HSM made so far, or -1 where the CA does not say. */
        default long hsmSignatures() {
            return -1;
        }

        /** Bytes the CA's store takes on disk now, or -1 where the bench cannot tell. */
        default long storeBytes() {
            return -1;
        }

        /**
         * What the store holds, for {@code certificates} certificates stored: live bytes per certificate, by
         * collection, and how full the store's file is; empty where the CA does not say.
         */
        default String storeFootprint(int certificates) {
            return "";
        }

        /** Commands sent to the store so far, by collection and command; empty where the CA does not say. */
        default java.util.Map<String, Long> storeCalls() {
            return java.util.Map.of();
        }

        /**
         * Fills the store with {@code certificates} copies of the issuance of {@code templateSerial} (hex), each
         * under new ids, serial and names; returns once they are written. Only this CA in a sandbox can.
         */
        default void prefill(int certificates, String templateSerial) throws Exception {
            throw new UnsupportedOperationException("this CA cannot be pre-filled");
        }

        @Override
        void close();
    }
}
