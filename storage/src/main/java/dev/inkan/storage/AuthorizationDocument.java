package dev.inkan.storage;

import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import java.util.List;
import org.bson.Document;

/** Collection {@code authorizations}: one document per authorization with its challenges embedded. */
final class AuthorizationDocument {
    static final String COLLECTION = "authorizations";

    private AuthorizationDocument() {}

    static Document of(Authorization a) {
        Document d = new Document("_id", a.id())
                .append("accountId", a.accountId())
                .append("identifier", IdentifierDocument.of(a.identifier()))
                .append("wildcard", a.wildcard())
                .append("status", a.status().name());
        Times.put(d, "expires", a.expires());
        d.append("challenges", a.challenges().stream().map(AuthorizationDocument::challenge).toList());
        return Times.put(d, "createdAt", a.createdAt());
    }

    static Authorization read(Document d) {
        return new Authorization(
                d.getString("_id"),
                d.getString("accountId"),
                IdentifierDocument.read(d.get("identifier", Document.class)),
                d.getBoolean("wildcard", false),
                AuthorizationStatus.valueOf(d.getString("status")),
                Times.get(d, "expires"),
                d.getList("challenges", Document.class, List.of()).stream()
                        .map(AuthorizationDocument::readChallenge)
                        .toList(),
                Times.get(d, "createdAt"));
    }

    static Document challenge(Challenge c) {
        Document d = new Document("id", c.id())
                .append("type", c.type())
                .append("token", c.token())
                .append("status", c.status().name());
        Times.put(d, "validated", c.validated());
        if (c.target() != null) {
            d.append("target", c.target());
        }
        Times.put(d, "valueIssued", c.valueIssued());
        if (c.processingUntil() != null) {
            Times.put(d, "processingUntil", c.processingUntil());
        }
        return d.append("error", ProblemDocument.of(c.error()))
                .append("records", ValidationRecordDocument.ofAll(c.records()));
    }

    static Challenge readChallenge(Document d) {
        return new Challenge(
                d.getString("id"),
                d.getString("type"),
                d.getString("token"),
                ChallengeStatus.valueOf(d.getString("status")),
                Times.get(d, "validated"),
                ProblemDocument.read(d.get("error", Document.class)),
                ValidationRecordDocument.readAll(d.getList("records", Document.class)),
                d.getString("target"),
                Times.get(d, "valueIssued"),
                Times.get(d, "processingUntil"));
    }
}
