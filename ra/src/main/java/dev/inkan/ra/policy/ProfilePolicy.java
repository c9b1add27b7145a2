package dev.inkan.ra.policy;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ACME profiles offered (draft-ietf-acme-profiles): each name maps to the CA profile that issues it.
 * An order without a profile gets the default one, which is recorded on the order.
 */
public final class ProfilePolicy {
    private final String defaultProfile;
    private final Map<String, String> caProfiles;

    public ProfilePolicy(String defaultProfile, Map<String, String> caProfiles) {
        if (!caProfiles.containsKey(defaultProfile)) {
            throw new IllegalArgumentException("default profile \"" + defaultProfile + "\" is not among " + caProfiles.keySet());
        }
        this.defaultProfile = defaultProfile;
        // kept in the configured order: the directory advertises them in it
        this.caProfiles = Collections.unmodifiableMap(new LinkedHashMap<>(caProfiles));
    }

    /** The profile name to record on a new order. */
    public String resolve(String requested) {
        String name = requested == null ? defaultProfile : requested;
        requireOffered(name);
        return name;
    }

    /** Whether this ACME profile is offered. */
    public boolean offers(String name) {
        return caProfiles.containsKey(name);
    }

    /** The CA profile an order's profile is issued under; {@code invalidProfile} if no longer offered. */
    public String caProfile(String orderProfile) {
        requireOffered(orderProfile);
        return caProfiles.get(orderProfile);
    }

    /** draft-ietf-acme-profiles §3 {@code meta.profiles}: each offered profile and its description, in order. */
    public Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        caProfiles.keySet().forEach(name -> d.put(name, ProfileTerms.of(name).description()));
        return Collections.unmodifiableMap(d);
    }

    /** The terms of an offered profile. */
    public ProfileTerms terms(String name) {
        requireOffered(name);
        return ProfileTerms.of(name);
    }

    private void requireOffered(String name) {
        if (!caProfiles.containsKey(name)) {
            // draft-ietf-acme-profiles §3: an unadvertised profile MUST be rejected with invalidProfile
            throw new CaException(ErrorKind.INVALID_PROFILE,
                    "profile \"" + name + "\" is not offered; offered: " + caProfiles.keySet());
        }
    }
}
