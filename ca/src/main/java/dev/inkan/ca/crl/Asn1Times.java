package dev.inkan.ca.crl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;

/**
 * RFC 5280 §5.1.2.4 and §4.1.2.5: CRL times are UTCTime through 2049 and GeneralizedTime from 2050, in UTC ("Z"),
 * with seconds and without fractions. Written and read digit by digit here: Bouncy Castle's {@code new Time(Date)}
 * and {@code Time.getDate()} build a SimpleDateFormat per call, and a CRL of a million entries has a million times.
 */
final class Asn1Times {
    private Asn1Times() {}

    static Time time(Instant t) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(t.truncatedTo(ChronoUnit.SECONDS).getEpochSecond(), 0,
                ZoneOffset.UTC);
        int year = utc.getYear();
        boolean utcTime = year >= 1950 && year <= 2049;
        // X.690: tag (UTCTime 23, GeneralizedTime 24), length, then the characters; built as bytes and read back,
        // because Bouncy Castle's String constructors check the string by parsing it with a SimpleDateFormat
        byte[] c = new byte[utcTime ? 15 : 17];
        c[0] = (byte) (utcTime ? 23 : 24);
        c[1] = (byte) (c.length - 2);
        int i = 2;
        if (utcTime) {
            i = two(c, i, year % 100);
        } else {
            i = two(c, i, year / 100);
            i = two(c, i, year % 100);
        }
        i = two(c, i, utc.getMonthValue());
        i = two(c, i, utc.getDayOfMonth());
        i = two(c, i, utc.getHour());
        i = two(c, i, utc.getMinute());
        i = two(c, i, utc.getSecond());
        c[i] = 'Z';
        return new Time(utcTime ? ASN1UTCTime.getInstance(c) : ASN1GeneralizedTime.getInstance(c));
    }

    /**
     * The instant a time as {@link #time} writes it stands for, or null when its characters are not of that form
     * (then the lint reports the encoding).
     */
    static Instant instant(Time t) {
        ASN1Primitive p = t.toASN1Primitive();
        String raw = characters(t);
        boolean utcTime = p instanceof ASN1UTCTime;
        int digits = utcTime ? 12 : 14;
        if (raw.length() != digits + 1 || raw.charAt(digits) != 'Z') {
            return null;
        }
        for (int k = 0; k < digits; k++) {
            if (raw.charAt(k) < '0' || raw.charAt(k) > '9') {
                return null;
            }
        }
        int i = 0;
        int year;
        if (utcTime) {
            int yy = number(raw, i);
            year = yy >= 50 ? 1900 + yy : 2000 + yy;
            i += 2;
        } else {
            year = number(raw, 0) * 100 + number(raw, 2);
            i += 4;
        }
        try {
            return LocalDateTime.of(year, number(raw, i), number(raw, i + 2), number(raw, i + 4), number(raw, i + 6),
                    number(raw, i + 8)).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * The characters as encoded (Bouncy Castle's getters normalise them: a fraction, an offset or missing seconds
     * would not show), or "" for anything but UTCTime and GeneralizedTime.
     */
    static String characters(Time t) {
        ASN1Primitive p = t.toASN1Primitive();
        if (!(p instanceof ASN1UTCTime) && !(p instanceof ASN1GeneralizedTime)) {
            return "";
        }
        try {
            byte[] der = p.getEncoded(ASN1Encoding.DER);
            // tag, one length octet (these strings are far shorter than 128), then the characters
            return new String(der, 2, der.length - 2, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    private static int two(byte[] c, int at, int value) {
        c[at] = (byte) ('0' + value / 10);
        c[at + 1] = (byte) ('0' + value % 10);
        return at + 2;
    }

    private static int number(String s, int at) {
        return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
    }
}
