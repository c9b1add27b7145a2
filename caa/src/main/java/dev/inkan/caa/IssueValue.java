package dev.inkan.caa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of an {@code issue} or {@code issuewild} property, parsed by the RFC 8659 §4.2 grammar:
 * <pre>
 *   issue-value = *WSP [issuer-domain-name *WSP] [";" *WSP [parameters *WSP]]
 *   parameters  = (parameter *WSP ";" *WSP parameters) / parameter
 *   parameter   = tag *WSP "=" *WSP value
 *   tag         = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT))
 *   value       = *(%x21-3A / %x3C-7E)
 * </pre>
 *
 * @param issuerDomainName lowercase; empty for a value such as {@code ";"} that lets no CA issue
 * @param parameters       in the order written; a tag may appear twice (RFC 8657 §3 makes that unsatisfiable)
 */
record IssueValue(String issuerDomainName, List<Parameter> parameters) {
    private static final Pattern PARAMETER =
            Pattern.compile("([A-Za-z0-9](?:-*[A-Za-z0-9])*)[ \\t]*=[ \\t]*([\\x21-\\x3A\\x3C-\\x7E]*)");

    record Parameter(String tag, String value) {}

    /** Empty when the value does not follow the grammar: such a property authorizes no CA (RFC 8659 §4.2). */
    static Optional<IssueValue> parse(String raw) {
        int semicolon = raw.indexOf(';');
        String domain = trimWsp(semicolon < 0 ? raw : raw.substring(0, semicolon));
        if (!domain.isEmpty() && !CaaConfig.ISSUER_DOMAIN_NAME.matcher(domain).matches()) {
            return Optional.empty();
        }
        List<Parameter> params = new ArrayList<>();
        String rest = semicolon < 0 ? "" : trimWsp(raw.substring(semicolon + 1));
        if (!rest.isEmpty()) {
            for (String p : rest.split(";", -1)) {
                Matcher m = PARAMETER.matcher(trimWsp(p));
                if (!m.matches()) {
                    return Optional.empty();
                }
                params.add(new Parameter(m.group(1).toLowerCase(Locale.ROOT), m.group(2)));
            }
        }
        return Optional.of(new IssueValue(domain.toLowerCase(Locale.ROOT), List.copyOf(params)));
    }

    List<String> values(String tag) {
        return parameters.stream().filter(p -> p.tag().equals(tag)).map(Parameter::value).toList();
    }

    private static String trimWsp(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
            b++;
        }
        while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
            e--;
        }
        return s.substring(b, e);
    }
}
