package dev.inkan.vetting.registry;

/**
 * One {@code <corporation>} of the 法人番号システム Web-API (Ver.4) response, the fields vetting uses, with the raw
 * response kept as evidence.
 *
 * @param process    {@code 01} new, {@code 11} name changed, {@code 12} address changed, {@code 21} closed, ...
 * @param kind       {@code 301} 株式会社, {@code 401} 外国会社等, ...
 * @param closeDate  empty while the corporation exists
 * @param latest     {@code 1} for the latest record
 */
public record RegistryRecord(String corporateNumber, String process, String name, String kind, String prefectureName,
        String cityName, String streetNumber, String prefectureCode, String postCode, String addressOutside,
        String closeDate, String closeCause, String latest, String enName, String enPrefectureName, String enCityName,
        String furigana, String rawResponse) {

    /** Open, latest and not deleted. */
    public boolean exists() {
        return closeDate.isEmpty() && !"99".equals(process) && !"21".equals(process) && "1".equals(latest);
    }

    /** A head office in Japan: a prefecture code 01-47 and no overseas address (C=JP, CP 002 §3.2.2.3). */
    public boolean domestic() {
        return prefectureCode.matches("0[1-9]|[1-3][0-9]|4[0-7]") && addressOutside.isEmpty() && !"401".equals(kind);
    }
}
