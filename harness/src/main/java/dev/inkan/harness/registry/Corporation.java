package dev.inkan.harness.registry;

/**
 * One corporation as the 法人番号システム Web-API (Ver.4) lists it; the fields are the API's, in its order.
 */
public record Corporation(String corporateNumber, String process, String updateDate, String changeDate, String name,
        String kind, String prefectureName, String cityName, String streetNumber, String prefectureCode, String cityCode,
        String postCode, String addressOutside, String closeDate, String closeCause, String successorCorporateNumber,
        String assignmentDate, String enName, String enPrefectureName, String enCityName, String furigana) {

    /** An open domestic 株式会社 with its latest record. */
    public static Corporation kabushikiKaisha(String number, String name, String prefecture, String city, String street,
            String prefectureCode, String cityCode, String postCode, String enName, String enPrefecture, String enCity,
            String furigana) {
        return new Corporation(number, "01", "2025-07-10", "2025-07-01", name, "301", prefecture, city, street,
                prefectureCode, cityCode, postCode, "", "", "", "", "2015-10-05", enName, enPrefecture, enCity, furigana);
    }

    /** The same corporation closed on a date (process 21, 登記記録の閉鎖等). */
    public Corporation closed(String date) {
        return new Corporation(corporateNumber, "21", date, date, name, kind, prefectureName, cityName, streetNumber,
                prefectureCode, cityCode, postCode, addressOutside, date, "01", successorCorporateNumber,
                assignmentDate, enName, enPrefectureName, enCityName, furigana);
    }
}
