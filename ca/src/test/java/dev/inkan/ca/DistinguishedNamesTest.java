package dev.inkan.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

class DistinguishedNamesTest {
    @Test
    void testSuccess_rfc4514StringIsEncodedCountryFirst() {
        X500Name name = DistinguishedNames.parse("CN=Inkan Sandbox Root CA,O=Inkan Sandbox,C=JP");
        RDN[] rdns = name.getRDNs();

        assertEquals(BCStyle.C, rdns[0].getFirst().getType());
        assertEquals(BCStyle.O, rdns[1].getFirst().getType());
        assertEquals(BCStyle.CN, rdns[2].getFirst().getType());
        ASN1Encodable country = rdns[0].getFirst().getValue();
        assertEquals(DERPrintableString.class, country.getClass());
        assertEquals(DERUTF8String.class, rdns[2].getFirst().getValue().getClass());
        assertEquals("CN=Inkan Sandbox Root CA,O=Inkan Sandbox,C=JP", DistinguishedNames.format(name));
    }
}
