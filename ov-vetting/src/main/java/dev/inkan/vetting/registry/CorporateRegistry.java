package dev.inkan.vetting.registry;

import io.vertx.core.Future;
import java.util.Optional;

/** The corporate-number registry (CP 002 §3.2.2.1 source 2: a government database). */
public interface CorporateRegistry {
    /** The latest record of this corporate number; empty when the registry has none. */
    Future<Optional<RegistryRecord>> byNumber(String corporateNumber);

    /** Where the record came from, as the check's source says. */
    String source();
}
