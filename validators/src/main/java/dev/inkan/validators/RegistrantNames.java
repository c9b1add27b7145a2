package dev.inkan.validators;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a published registrant name and an organization's name are the same organization: compared after NFKC
 * (full-width letters and digits become ASCII), case folding, and with the company-form words and punctuation set
 * aside, since registries write "Co., Ltd." and "株式会社" as they please.
 */
final class RegistrantNames {
    private static final Pattern FORMS = Pattern.compile(
            "株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|公益社団法人|公益財団法人|特定非営利活動法人"
                    + "|\\bkabushiki\\s+kaisha\\b|\\bk\\.\\s?k\\.|\\bco\\.?,?\\s*ltd\\.?|\\bcompany\\s+limited\\b"
                    + "|\\bcorporation\\b|\\bcorp\\.?|\\binc\\.?|\\bincorporated\\b|\\blimited\\b|\\bltd\\.?|\\bllc\\b"
                    + "|\\bg\\.?k\\.?(?=\\s|$)");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private RegistrantNames() {}

    static String normalize(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        n = FORMS.matcher(n).replaceAll(" ");
        return NOT_LETTER_OR_DIGIT.matcher(n).replaceAll("");
    }

    /** The registrant name that matches, or null. */
    static String match(List<String> registrantNames, String organizationName) {
        String org = normalize(organizationName);
        if (org.isEmpty()) {
            return null;
        }
        return registrantNames.stream().filter(r -> normalize(r).equals(org)).findFirst().orElse(null);
    }
}
