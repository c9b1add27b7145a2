package dev.inkan.ra.op;

import dev.inkan.ra.DomainValidationServices;
import dev.inkan.ra.policy.DomainValidationMethods;
import java.util.Objects;

/**
 * Where the operations find the {@link DomainValidationServices}: connected once by the composition root, before the
 * RA serves requests.
 */
public final class DomainValidationLink {
    private volatile DomainValidationServices services = DomainValidationServices.unconnected();
    private volatile DomainValidationMethods methods = new DomainValidationMethods(java.util.List.of());

    public DomainValidationServices services() {
        return services;
    }

    public DomainValidationMethods methods() {
        return methods;
    }

    public void connect(DomainValidationServices s) {
        services = Objects.requireNonNull(s, "services");
        methods = new DomainValidationMethods(s.domainContactTlds());
    }
}
