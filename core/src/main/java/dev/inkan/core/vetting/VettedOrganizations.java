package dev.inkan.core.vetting;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Read-only view of vetted organizations and their bindings, for the RA and the order API. Whether one may be
 * used at a time is {@link VettedOrganization#requireUsableForOv}.
 */
public interface VettedOrganizations {
    Future<Optional<VettedOrganization>> organization(String organizationId);

    /** The External Account Binding key with this id, whatever its state. */
    Future<Optional<ExternalAccountKey>> externalAccountKey(String kid);

    /** Every organization, newest approval first (the console's list). */
    Future<List<VettedOrganization>> organizations();
}
