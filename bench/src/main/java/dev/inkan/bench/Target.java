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

        @Override
        void close();
    }
}
