package dev.inkan.vetting;

import java.text.Normalizer;

/**
 * The 13-digit 法人番号 (corporate number): a check digit, leftmost, over a 12-digit base. NTA: number the base
 * digits n = 1..12 from the right; check = 9 - (sum of digit_n * (n odd ? 1 : 2) mod 9).
 */
public final class CorporateNumber {
    private CorporateNumber() {}

    /**
     * The number as 13 ASCII digits, or an {@link IllegalArgumentException} saying what is wrong. Full-width digits,
     * spaces and hyphens are accepted and dropped, as applicants type them.
     */
    public static String parse(String input) {
        String n = Normalizer.normalize(input == null ? "" : input, Normalizer.Form.NFKC).replaceAll("[\\s-]", "");
        if (!n.matches("[0-9]{13}")) {
            throw new IllegalArgumentException("法人番号は13桁の数字です / a corporate number has 13 digits");
        }
        if (n.charAt(0) != (char) ('0' + checkDigit(n.substring(1)))) {
            throw new IllegalArgumentException("法人番号のチェックディジットが一致しません / the corporate number's check digit"
                    + " is wrong");
        }
        return n;
    }

    static int checkDigit(String base12) {
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            int digit = base12.charAt(12 - n) - '0';
            sum += digit * (n % 2 == 1 ? 1 : 2);
        }
        return 9 - sum % 9;
    }
}
