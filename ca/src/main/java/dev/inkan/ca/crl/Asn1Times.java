package dev.inkan.ca.crl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.x509.Time;

/**
 * RFC 5280 §5.1.2.4 and §4.1.2.5: CRL times are UTCTime through 2049 and GeneralizedTime from 2050, in UTC ("Z"),
 * with seconds and without fractions. Formatted here rather than by {@code new Time(Date)}, which builds a
 * SimpleDateFormat per call: a CRL of a million entries would make a million of them.
 */
final class Asn1Times {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Asn1Times() {}

    static Time time(Instant t) {
        ZonedDateTime utc = t.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
        if (utc.getYear() >= 1950 && utc.getYear() <= 2049) {
            return new Time(new DERUTCTime(UTC_TIME.format(utc)));
        }
        return new Time(new DERGeneralizedTime(GENERALIZED_TIME.format(utc)));
    }
}
