package dev.inkan.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.inkan.core.vetting.Applicant;
import dev.inkan.core.vetting.CaseStatus;
import dev.inkan.core.vetting.ExternalAccountKey;
import dev.inkan.core.vetting.StaffMember;
import dev.inkan.core.vetting.VettedOrganization;
import dev.inkan.core.vetting.VettingCase;
import dev.inkan.core.vetting.VettingStores;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Collections {@code vettingCases}, {@code organizations}, {@code externalAccountKeys}, {@code applicants} and
 * {@code staff}: the organization vetting records. Changes replace a whole document conditionally on the version
 * (or state) the caller read, so two staff members acting on one case at once cannot both succeed.
 */
final class MongoVettingStores {
    static final String CASES = "vettingCases";
    static final String ORGANIZATIONS = "organizations";
    static final String KEYS = "externalAccountKeys";
    static final String APPLICANTS = "applicants";
    static final String STAFF = "staff";
    private static final FindOneAndReplaceOptions REPLACED =
            new FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER);

    private MongoVettingStores() {}

    private static <T> Future<Optional<T>> replaceWhere(Driver driver, MongoCollection<Document> c, Bson filter,
            Document replacement, RecordCodec<? extends Record> codec, Class<T> type) {
        return driver.write(c.findOneAndReplace(filter, replacement, REPLACED), "the record changed meanwhile")
                .map(found -> found.map(d -> type.cast(codec.read(d))));
    }

    static final class Cases implements VettingStores.Cases {
        private final Driver driver;
        private final MongoCollection<Document> cases;
        private final RecordCodec<VettingCase> codec = new RecordCodec<>(VettingCase.class, "id");

        Cases(Driver driver, MongoDatabase db) {
            this.driver = driver;
            this.cases = db.getCollection(CASES);
        }

        @Override
        public Future<Void> insert(VettingCase c) {
            return driver.write(cases.insertOne(codec.write(c)), "case " + c.id() + " exists").mapEmpty();
        }

        @Override
        public Future<Optional<VettingCase>> byId(String id) {
            return driver.first(cases.find(eq("_id", id))).map(d -> d.map(codec::read));
        }

        @Override
        public Future<List<VettingCase>> byApplicant(String applicantId) {
            return driver.all(cases.find(eq("applicantId", applicantId)).sort(Sorts.descending("submittedAt")))
                    .map(ds -> ds.stream().map(codec::read).toList());
        }

        @Override
        public Future<List<VettingCase>> byStatus(List<CaseStatus> statuses) {
            return driver.all(cases.find(in("status", statuses.stream().map(Enum::name).toList())))
                    .map(ds -> ds.stream().map(codec::read)
                            .sorted(Comparator.comparing(VettingCase::submittedAt)).toList());
        }

        @Override
        public Future<Optional<VettingCase>> replace(VettingCase updated, int expectedVersion) {
            return replaceWhere(driver, cases, and(eq("_id", updated.id()), eq("version", expectedVersion)),
                    codec.write(updated), codec, VettingCase.class);
        }
    }

    static final class Organizations implements VettingStores.Organizations {
        private final Driver driver;
        private final MongoCollection<Document> organizations;
        private final MongoCollection<Document> keys;
        private final RecordCodec<VettedOrganization> codec = new RecordCodec<>(VettedOrganization.class, "id");
        private final RecordCodec<ExternalAccountKey> keyCodec = new RecordCodec<>(ExternalAccountKey.class, "kid");

        Organizations(Driver driver, MongoDatabase db) {
            this.driver = driver;
            this.organizations = db.getCollection(ORGANIZATIONS);
            this.keys = db.getCollection(KEYS);
        }

        @Override
        public Future<Optional<VettedOrganization>> organization(String organizationId) {
            return driver.first(organizations.find(eq("_id", organizationId))).map(d -> d.map(codec::read));
        }

        @Override
        public Future<Optional<ExternalAccountKey>> externalAccountKey(String kid) {
            return driver.first(keys.find(eq("_id", kid))).map(d -> d.map(keyCodec::read));
        }

        @Override
        public Future<List<VettedOrganization>> organizations() {
            return driver.all(organizations.find()).map(ds -> ds.stream().map(codec::read)
                    .sorted(Comparator.comparing(VettedOrganization::approvedAt).reversed()).toList());
        }

        @Override
        public Future<Void> insert(VettedOrganization organization) {
            return driver.write(organizations.insertOne(codec.write(organization)),
                    "organization " + organization.id() + " exists").mapEmpty();
        }

        @Override
        public Future<Optional<VettedOrganization>> replace(VettedOrganization updated, int expectedVersion) {
            return replaceWhere(driver, organizations, and(eq("_id", updated.id()), eq("version", expectedVersion)),
                    codec.write(updated), codec, VettedOrganization.class);
        }

        @Override
        public Future<Void> insertKey(ExternalAccountKey key) {
            return driver.write(keys.insertOne(keyCodec.write(key)), "key id " + key.kid() + " exists").mapEmpty();
        }

        @Override
        public Future<List<ExternalAccountKey>> keysOf(String organizationId) {
            return driver.all(keys.find(eq("organizationId", organizationId)))
                    .map(ds -> ds.stream().map(keyCodec::read).toList());
        }

        @Override
        public Future<Optional<ExternalAccountKey>> updateKey(ExternalAccountKey key) {
            return replaceWhere(driver, keys, eq("_id", key.kid()), keyCodec.write(key), keyCodec,
                    ExternalAccountKey.class);
        }
    }

    static final class Applicants implements VettingStores.Applicants {
        private final Driver driver;
        private final MongoCollection<Document> applicants;
        private final RecordCodec<Applicant> codec = new RecordCodec<>(Applicant.class, "id");

        Applicants(Driver driver, MongoDatabase db) {
            this.driver = driver;
            this.applicants = db.getCollection(APPLICANTS);
        }

        @Override
        public Future<Void> insert(Applicant applicant) {
            return driver.write(applicants.insertOne(codec.write(applicant)),
                    "an applicant with this email is registered already").mapEmpty();
        }

        @Override
        public Future<Optional<Applicant>> byId(String id) {
            return driver.first(applicants.find(eq("_id", id))).map(d -> d.map(codec::read));
        }

        @Override
        public Future<Optional<Applicant>> byEmail(String email) {
            return driver.first(applicants.find(eq("email", email))).map(d -> d.map(codec::read));
        }

        @Override
        public Future<Optional<Applicant>> byVerificationToken(String tokenSha256) {
            return driver.first(applicants.find(eq("verificationTokenSha256", tokenSha256)))
                    .map(d -> d.map(codec::read));
        }

        @Override
        public Future<Optional<Applicant>> replace(Applicant updated) {
            return replaceWhere(driver, applicants, eq("_id", updated.id()), codec.write(updated), codec,
                    Applicant.class);
        }
    }

    static final class Staff implements VettingStores.Staff {
        private static final FindOneAndUpdateOptions AFTER =
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
        private final Driver driver;
        private final MongoCollection<Document> staff;
        private final RecordCodec<StaffMember> codec = new RecordCodec<>(StaffMember.class, "id");

        Staff(Driver driver, MongoDatabase db) {
            this.driver = driver;
            this.staff = db.getCollection(STAFF);
        }

        @Override
        public Future<Void> insert(StaffMember member) {
            return driver.write(staff.insertOne(codec.write(member)), "staff login " + member.id() + " exists")
                    .mapEmpty();
        }

        @Override
        public Future<Optional<StaffMember>> byId(String id) {
            return driver.first(staff.find(eq("_id", id))).map(d -> d.map(codec::read));
        }

        @Override
        public Future<List<StaffMember>> all() {
            return driver.all(staff.find().sort(Sorts.ascending("_id")))
                    .map(ds -> ds.stream().map(codec::read).toList());
        }

        @Override
        public Future<Optional<StaffMember>> acceptTotpStep(String id, long step) {
            Bson unused = or(lt("totpLastStep", step), eq("totpLastStep", null));
            return driver.write(staff.findOneAndUpdate(and(eq("_id", id), unused),
                            Updates.set("totpLastStep", step), AFTER), "staff " + id)
                    .map(found -> found.map(codec::read));
        }

        @Override
        public Future<Optional<StaffMember>> replace(StaffMember updated) {
            return replaceWhere(driver, staff, eq("_id", updated.id()), codec.write(updated), codec,
                    StaffMember.class);
        }
    }
}
