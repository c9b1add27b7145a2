package dev.inkan.vetting.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HoujinBangouApiTest {
    static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <corporations><lastUpdateDate>2026-04-30</lastUpdateDate><count>1</count><divideNumber>1</divideNumber>
            <divideSize>1</divideSize><corporation><sequenceNumber>1</sequenceNumber>
            <corporateNumber>4010001234567</corporateNumber><process>12</process><correct>0</correct>
            <updateDate>2025-07-10</updateDate><changeDate>2025-07-01</changeDate><name>株式会社サンプル認証</name>
            <nameImageId/><kind>301</kind><prefectureName>東京都</prefectureName><cityName>千代田区</cityName>
            <streetNumber>丸の内１丁目２番３号</streetNumber><addressImageId/><prefectureCode>13</prefectureCode>
            <cityCode>101</cityCode><postCode>1000005</postCode><addressOutside/><addressOutsideImageId/><closeDate/>
            <closeCause/><successorCorporateNumber/><changeCause/><assignmentDate>2015-10-05</assignmentDate>
            <latest>1</latest><enName>Sample Ninsho Co., Ltd.</enName><enPrefectureName>Tokyo</enPrefectureName>
            <enCityName>1-2-3 Marunouchi, Chiyoda ku</enCityName><enAddressOutside/><furigana>サンプルニンショウ</furigana>
            <hihyoji>0</hihyoji></corporation></corporations>""";

    @Test
    void parsesTheVersion4Fields() throws Exception {
        List<RegistryRecord> records = HoujinBangouApi.parse(XML);
        RegistryRecord r = records.get(0);
        assertEquals("4010001234567", r.corporateNumber());
        assertEquals("株式会社サンプル認証", r.name());
        assertEquals("13", r.prefectureCode());
        assertEquals("Sample Ninsho Co., Ltd.", r.enName());
        assertTrue(r.exists());
        assertTrue(r.domestic());
    }

    @Test
    void refusesADoctype() {
        assertThrows(Exception.class, () -> HoujinBangouApi.parse(
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><corporations/>"));
    }
}
