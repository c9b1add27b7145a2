package dev.inkan.ra.op;

import dev.inkan.ra.StatusServices;
import java.util.Objects;

/**
 * Where the operations find the {@link StatusServices}: connected once by the composition root, after the RA is
 * built and before it serves requests.
 */
public final class StatusLink {
    private volatile StatusServices services = StatusServices.unconnected();

    public StatusServices services() {
        return services;
    }

    public void connect(StatusServices s) {
        services = Objects.requireNonNull(s, "services");
    }
}
