package dev.inkan.harness.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake of the National Tax Agency 法人番号システム Web-API, version 4, for tests and the sandbox:
 * {@code GET /4/num?id=<application ID>&number=<up to 10, comma-separated>&type=12&history=0} answers the API's XML
 * ({@code <corporations>} with {@code lastUpdateDate}, {@code count}, {@code divideNumber}, {@code divideSize} and a
 * {@code <corporation>} of 30 fields per number found). An unknown application ID is 404, a malformed number 400
 * with the API's {@code NNN,message} body, as the real API answers. Production changes only the base URL and the
 * application ID.
 */
public final class FakeCorporateRegistry {
    private final HttpServer server;
    private final String applicationId;
    private final Map<String, Corporation> corporations = new ConcurrentHashMap<>();

    private FakeCorporateRegistry(HttpServer server, String applicationId) {
        this.server = server;
        this.applicationId = applicationId;
    }

    /** Listens on {@code host:port} (0 for any free port), answering for {@code applicationId}. */
    public static Future<FakeCorporateRegistry> start(Vertx vertx, String host, int port, String applicationId,
            List<Corporation> initial) {
        HttpServer server = vertx.createHttpServer();
        FakeCorporateRegistry fake = new FakeCorporateRegistry(server, applicationId);
        initial.forEach(fake::put);
        server.requestHandler(fake::handle);
        return server.listen(port, host).map(fake);
    }

    /** The sandbox's registry: a few fictitious corporations the docs and tests use. */
    public static List<Corporation> sandbox() {
        return List.of(
                Corporation.kabushikiKaisha("4010001234567", "株式会社サンプル認証", "東京都", "千代田区", "丸の内１丁目２番３号",
                        "13", "101", "1000005", "Sample Ninsho Co., Ltd.", "Tokyo", "1-2-3 Marunouchi, Chiyoda ku",
                        "サンプルニンショウ"),
                Corporation.kabushikiKaisha("4120001234564", "株式会社テスト商事", "大阪府", "大阪市北区", "梅田３丁目４番５号",
                        "27", "127", "5300001", "Test Shoji Co., Ltd.", "Osaka", "3-4-5 Umeda, Kita ku, Osaka shi",
                        "テストショウジ"));
    }

    public void put(Corporation c) {
        corporations.put(c.corporateNumber(), c);
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> stop() {
        return server.close();
    }

    private void handle(HttpServerRequest req) {
        if (!req.path().equals("/4/num")) {
            req.response().setStatusCode(404).end();
            return;
        }
        if (!applicationId.equals(req.getParam("id"))) {
            req.response().setStatusCode(404).end();
            return;
        }
        if (!"12".equals(req.getParam("type"))) {
            req.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end("070,応答形式の指定が不正です。");
            return;
        }
        String numbers = req.getParam("number", "");
        List<String> asked = List.of(numbers.split(","));
        if (numbers.isEmpty() || asked.size() > 10 || asked.stream().anyMatch(n -> !n.matches("[1-9][0-9]{12}"))) {
            req.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end("040,法人番号の指定が不正です。");
            return;
        }
        List<Corporation> found = new ArrayList<>();
        for (String n : asked) {
            Corporation c = corporations.get(n);
            if (c != null) {
                found.add(c);
            }
        }
        req.response().putHeader("Content-Type", "application/xml; charset=UTF-8").end(xml(found));
    }

    static String xml(List<Corporation> found) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<corporations>");
        el(b, "lastUpdateDate", "2026-04-30");
        el(b, "count", String.valueOf(found.size()));
        el(b, "divideNumber", "1");
        el(b, "divideSize", "1");
        int seq = 1;
        for (Corporation c : found) {
            b.append("<corporation>");
            el(b, "sequenceNumber", String.valueOf(seq++));
            el(b, "corporateNumber", c.corporateNumber());
            el(b, "process", c.process());
            el(b, "correct", "0");
            el(b, "updateDate", c.updateDate());
            el(b, "changeDate", c.changeDate());
            el(b, "name", c.name());
            el(b, "nameImageId", "");
            el(b, "kind", c.kind());
            el(b, "prefectureName", c.prefectureName());
            el(b, "cityName", c.cityName());
            el(b, "streetNumber", c.streetNumber());
            el(b, "addressImageId", "");
            el(b, "prefectureCode", c.prefectureCode());
            el(b, "cityCode", c.cityCode());
            el(b, "postCode", c.postCode());
            el(b, "addressOutside", c.addressOutside());
            el(b, "addressOutsideImageId", "");
            el(b, "closeDate", c.closeDate());
            el(b, "closeCause", c.closeCause());
            el(b, "successorCorporateNumber", c.successorCorporateNumber());
            el(b, "changeCause", "");
            el(b, "assignmentDate", c.assignmentDate());
            el(b, "latest", "1");
            el(b, "enName", c.enName());
            el(b, "enPrefectureName", c.enPrefectureName());
            el(b, "enCityName", c.enCityName());
            el(b, "enAddressOutside", "");
            el(b, "furigana", c.furigana());
            el(b, "hihyoji", "0");
            b.append("</corporation>");
        }
        return b.append("</corporations>\n").toString();
    }

    private static void el(StringBuilder b, String name, String value) {
        b.append('<').append(name);
        if (value == null || value.isEmpty()) {
            b.append("/>");
            return;
        }
        b.append('>').append(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                .append("</").append(name).append('>');
    }
}
