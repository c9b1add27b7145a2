package dev.inkan.ca.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class Asn1TimesTest {
    @Test
    void before2050ATimeIsUtcTimeInWholeSeconds() {
        Time t = Asn1Times.time(Instant.parse("2026-12-07T20:31:05.987Z"));
        assertInstanceOf(ASN1UTCTime.class, t.toASN1Primitive());
        assertEquals("261207203105Z", Asn1Times.characters(t));
        assertEquals(Instant.parse("2026-12-07T20:31:05Z"), Asn1Times.instant(t));
    }

    @Test
    void from2050ATimeIsGeneralizedTime() {
        Time t = Asn1Times.time(Instant.parse("2050-01-01T00:00:00Z"));
        assertInstanceOf(ASN1GeneralizedTime.class, t.toASN1Primitive());
        assertEquals("20500101000000Z", Asn1Times.characters(t));
        assertEquals(Instant.parse("2050-01-01T00:00:00Z"), Asn1Times.instant(t));
    }

    @Test
    void theLastSecondOf2049IsStillUtcTime() {
        Time t = Asn1Times.time(Instant.parse("2049-12-31T23:59:59Z"));
        assertEquals("491231235959Z", Asn1Times.characters(t));
        assertEquals(Instant.parse("2049-12-31T23:59:59Z"), Asn1Times.instant(t));
    }

    @Test
    void aUtcTimeFrom50To99IsInTheTwentiethCentury() {
        assertEquals(Instant.parse("1999-06-01T12:00:00Z"), Asn1Times.instant(new Time(new DERUTCTime("990601120000Z"))));
    }

    @Test
    void encodingsNotWrittenByInkanReadAsNothing() {
        assertNull(Asn1Times.instant(new Time(new DERUTCTime("2612072031Z"))), "no seconds");
        assertNull(Asn1Times.instant(new Time(new DERGeneralizedTime("20261207203105.5Z"))), "fraction");
        assertNull(Asn1Times.instant(new Time(new DERUTCTime("261307203105Z"))), "month 13");
    }
}
