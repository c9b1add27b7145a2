package dev.inkan.validators;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the registrant's names out of an RDAP domain object (RFC 9083) or a WHOIS answer (JPRS and common layouts). */
final class RegistrantRecords {
    /** JPRS: "[Label]   value" or "f. [Label]   value"; the value starts after the padding. */
    private static final Pattern JPRS = Pattern.compile("^(?:[a-z]\\.\\s*)?\\[([^\\]]+)\\]\\s*(.*)$");
    private static final Set<String> JPRS_REGISTRANT = Set.of("登録者名", "Registrant", "組織名", "Organization");
    private static final Pattern COMMON = Pattern.compile(
            "^\\s*Registrant(?: Organization| Name)?\\s*:\\s*(.+?)\\s*$", Pattern.CASE_INSENSITIVE);

    private RegistrantRecords() {}

    /** The fn and org of every entity with the registrant role, nested entities included. */
    static List<String> fromRdap(JsonObject domain) {
        Set<String> names = new LinkedHashSet<>();
        collect(domain.getJsonArray("entities", new JsonArray()), names);
        return List.copyOf(names);
    }

    private static void collect(JsonArray entities, Set<String> names) {
        for (Object o : entities) {
            if (!(o instanceof JsonObject entity)) {
                continue;
            }
            if (entity.getJsonArray("roles", new JsonArray()).contains("registrant")) {
                JsonArray vcard = entity.getJsonArray("vcardArray");
                if (vcard != null && vcard.size() > 1 && vcard.getValue(1) instanceof JsonArray props) {
                    for (Object p : props) {
                        if (p instanceof JsonArray prop && prop.size() > 3
                                && ("fn".equals(prop.getString(0)) || "org".equals(prop.getString(0)))) {
                            Object value = prop.getValue(3);
                            String v = value instanceof JsonArray a ? String.valueOf(a.getValue(0)) : String.valueOf(value);
                            if (!v.isBlank()) {
                                names.add(v.strip());
                            }
                        }
                    }
                }
            }
            collect(entity.getJsonArray("entities", new JsonArray()), names);
        }
    }

    /** The registrant's names in a WHOIS answer; empty for "No match!!" and the like. */
    static List<String> fromWhois(String text) {
        List<String> names = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            Matcher j = JPRS.matcher(line.strip());
            if (j.matches() && JPRS_REGISTRANT.contains(j.group(1).strip()) && !j.group(2).isBlank()) {
                names.add(j.group(2).strip());
                continue;
            }
            Matcher c = COMMON.matcher(line);
            if (c.matches() && !c.group(1).isBlank()) {
                names.add(c.group(1));
            }
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    /** The lines of the answer that named the registrant, for the record. */
    static String excerpt(List<String> names) {
        return String.join(" / ", names);
    }
}
