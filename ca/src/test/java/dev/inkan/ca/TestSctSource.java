package dev.inkan.ca;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.SctSource;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SCTs without logs: two fixed SerializedSCT blobs (the CA embeds them as they come; the ct-submitter module
 * verifies real ones), or the failure of every log when told so. Records what it was given.
 */
public final class TestSctSource implements SctSource {
    public static final List<byte[]> SCTS = List.of(sct(1), sct(2));
    private final List<byte[]> precertificates = new CopyOnWriteArrayList<>();
    private final List<byte[]> finals = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    private static byte[] sct(int n) {
        byte[] b = new byte[47 + 4];
        b[1] = (byte) n;
        b[45] = 0x04;
        b[46] = 0x03;
        return b;
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    public List<byte[]> precertificates() {
        return List.copyOf(precertificates);
    }

    public List<byte[]> finals() {
        return List.copyOf(finals);
    }

    @Override
    public Future<List<byte[]>> scts(byte[] precertificateDer, byte[] issuerDer) {
        precertificates.add(precertificateDer);
        if (down) {
            return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL,
                    "CT: the precertificate got 0 verified SCT(s) where 2 from 2 operators are needed"));
        }
        return Future.succeededFuture(SCTS);
    }

    @Override
    public Future<Void> submitFinal(byte[] certificateDer, byte[] issuerDer) {
        finals.add(certificateDer);
        return Future.succeededFuture();
    }
}
