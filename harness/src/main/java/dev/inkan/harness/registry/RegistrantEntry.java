package dev.inkan.harness.registry;

import java.util.Objects;

/**
 * What the fake registries publish about one domain.
 *
 * @param domain     the registered domain, lower case
 * @param name       the registrant (organization) name in Latin script
 * @param nameJa     the registrant's Japanese name (JPRS 組織名 / 登録者名), or null
 */
public record RegistrantEntry(String domain, String name, String nameJa) {
    public RegistrantEntry {
        domain = Objects.requireNonNull(domain, "domain").toLowerCase(java.util.Locale.ROOT);
        Objects.requireNonNull(name, "name");
    }

    String tld() {
        return domain.substring(domain.lastIndexOf('.') + 1);
    }
}
