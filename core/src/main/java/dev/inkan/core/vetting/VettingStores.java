package dev.inkan.core.vetting;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The store ports of organization vetting. Every update is conditional on the version or state the caller read:
 * an empty result means someone else changed it first.
 */
public record VettingStores(Cases cases, Organizations organizations, Applicants applicants, Staff staff) {

    /** Applications and their checks. */
    public interface Cases {
        Future<Void> insert(VettingCase c);

        Future<Optional<VettingCase>> byId(String id);

        Future<List<VettingCase>> byApplicant(String applicantId);

        /** Every case in one of these states, oldest submission first (the queue). */
        Future<List<VettingCase>> byStatus(List<CaseStatus> statuses);

        /** Replaces the case if it still has {@code expectedVersion}. */
        Future<Optional<VettingCase>> replace(VettingCase updated, int expectedVersion);
    }

    /** Vetted organizations and their External Account Binding keys. */
    public interface Organizations extends VettedOrganizations {
        Future<Void> insert(VettedOrganization organization);

        Future<Optional<VettedOrganization>> replace(VettedOrganization updated, int expectedVersion);

        Future<Void> insertKey(ExternalAccountKey key);

        Future<List<ExternalAccountKey>> keysOf(String organizationId);

        /** Sets a key's state; empty when there is no such key. */
        Future<Optional<ExternalAccountKey>> updateKey(ExternalAccountKey key);
    }

    public interface Applicants {
        /** Fails with CONFLICT when the email is registered already. */
        Future<Void> insert(Applicant applicant);

        Future<Optional<Applicant>> byId(String id);

        Future<Optional<Applicant>> byEmail(String email);

        Future<Optional<Applicant>> byVerificationToken(String tokenSha256);

        Future<Optional<Applicant>> replace(Applicant updated);
    }

    public interface Staff {
        /** Fails with CONFLICT when the login exists. */
        Future<Void> insert(StaffMember member);

        Future<Optional<StaffMember>> byId(String id);

        Future<List<StaffMember>> all();

        /** Accepts a TOTP step only if it is later than the last accepted one (RFC 6238 §5.2: a code works once). */
        Future<Optional<StaffMember>> acceptTotpStep(String id, long step);

        Future<Optional<StaffMember>> replace(StaffMember updated);
    }
}
