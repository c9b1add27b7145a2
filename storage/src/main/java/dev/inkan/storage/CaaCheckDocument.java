package dev.inkan.storage;

import dev.inkan.core.model.CaaCheck;
import dev.inkan.core.model.CaaResult;
import dev.inkan.core.model.PerspectiveResult;
import java.time.Duration;
import java.util.List;
import org.bson.Document;

/** One CAA check, field for field; the result's fields sit at the top level so that queries and indexes reach them. */
final class CaaCheckDocument {
    private CaaCheckDocument() {}

    static Document of(CaaCheck c) {
        CaaResult r = c.result();
        Document d = new Document("_id", c.id())
                .append("accountId", c.accountId())
                .append("authorizationId", c.authorizationId())
                .append("orderId", c.orderId())
                .append("trigger", c.trigger())
                .append("accountUri", c.accountUri())
                .append("validationMethod", c.validationMethod())
                .append("brSection", c.brSection())
                .append("name", r.name())
                .append("wildcard", r.wildcard())
                .append("permitted", r.permitted())
                .append("problem", ProblemDocument.of(r.problem()))
                .append("relevantName", r.relevantName())
                .append("records", r.records())
                .append("queried", r.queried())
                .append("ttlSeconds", r.ttl().getSeconds())
                .append("dnssec", r.dnssec())
                .append("perspective", r.perspective())
                .append("remotes", r.remotes().stream().map(p -> new Document("perspective", p.perspective())
                        .append("corroborates", p.corroborates()).append("detail", p.detail())).toList());
        return Times.put(d, "checkedAt", r.checkedAt());
    }

    static CaaCheck read(Document d) {
        Number ttl = d.get("ttlSeconds", Number.class);
        CaaResult r = new CaaResult(
                d.getString("name"),
                d.getBoolean("wildcard", false),
                d.getBoolean("permitted", false),
                ProblemDocument.read(d.get("problem", Document.class)),
                d.getString("relevantName"),
                d.getList("records", String.class, List.of()),
                d.getList("queried", String.class, List.of()),
                Duration.ofSeconds(ttl == null ? 0 : ttl.longValue()),
                d.getString("dnssec"),
                d.getString("perspective"),
                Times.get(d, "checkedAt"),
                d.getList("remotes", Document.class, List.of()).stream().map(p -> new PerspectiveResult(
                        p.getString("perspective"), p.getBoolean("corroborates", false), p.getString("detail")))
                        .toList());
        return new CaaCheck(d.getString("_id"), d.getString("accountId"), d.getString("authorizationId"),
                d.getString("orderId"), d.getString("trigger"), d.getString("accountUri"),
                d.getString("validationMethod"), r, d.getString("brSection"));
    }
}
