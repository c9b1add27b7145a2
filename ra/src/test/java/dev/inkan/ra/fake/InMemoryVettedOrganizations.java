package dev.inkan.ra.fake;

import dev.inkan.core.vetting.ExternalAccountKey;
import dev.inkan.core.vetting.VettedOrganization;
import dev.inkan.core.vetting.VettedOrganizations;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Vetted organizations and their EAB keys in maps. */
public final class InMemoryVettedOrganizations implements VettedOrganizations {
    private final Map<String, VettedOrganization> organizations = new ConcurrentHashMap<>();
    private final Map<String, ExternalAccountKey> keys = new ConcurrentHashMap<>();

    public void put(VettedOrganization o) {
        organizations.put(o.id(), o);
    }

    public void put(ExternalAccountKey k) {
        keys.put(k.kid(), k);
    }

    @Override
    public Future<Optional<VettedOrganization>> organization(String organizationId) {
        return Future.succeededFuture(Optional.ofNullable(organizations.get(organizationId)));
    }

    @Override
    public Future<Optional<ExternalAccountKey>> externalAccountKey(String kid) {
        return Future.succeededFuture(Optional.ofNullable(keys.get(kid)));
    }

    @Override
    public Future<List<VettedOrganization>> organizations() {
        return Future.succeededFuture(List.copyOf(organizations.values()));
    }
}
