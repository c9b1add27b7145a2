package dev.inkan.vetting.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The National Tax Agency 法人番号システム Web-API, version 4: {@code GET {base}/4/num?id=&number=&type=12&history=0}
 * answers XML ({@code <corporations><corporation>...}). Production sets the base URL
 * {@code https://api.houjin-bangou.nta.go.jp} and the application ID the NTA issued; the sandbox points at the
 * harness's fake, which answers the same format.
 */
public final class HoujinBangouApi implements CorporateRegistry {
    private final Vertx vertx;
    private final WebClient client;
    private final String baseUrl;
    private final String applicationId;

    public HoujinBangouApi(Vertx vertx, WebClient client, String baseUrl, String applicationId) {
        this.vertx = vertx;
        this.client = client;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.applicationId = applicationId;
    }

    @Override
    public String source() {
        return baseUrl + "/4/num (法人番号システム Web-API)";
    }

    @Override
    public Future<Optional<RegistryRecord>> byNumber(String corporateNumber) {
        return client.getAbs(baseUrl + "/4/num")
                .addQueryParam("id", applicationId)
                .addQueryParam("number", corporateNumber)
                .addQueryParam("type", "12")
                .addQueryParam("history", "0")
                .timeout(15_000)
                .send()
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture(new IllegalStateException("法人番号 Web-API answered "
                                + response.statusCode() + ": " + response.bodyAsString()));
                    }
                    String xml = response.bodyAsString(StandardCharsets.UTF_8.name());
                    return vertx.executeBlocking(() -> parse(xml), false);
                })
                .map(records -> records.stream().filter(r -> r.corporateNumber().equals(corporateNumber)).findFirst());
    }

    static List<RegistryRecord> parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList corporations = doc.getElementsByTagName("corporation");
        List<RegistryRecord> out = new ArrayList<>();
        for (int i = 0; i < corporations.getLength(); i++) {
            Element c = (Element) corporations.item(i);
            out.add(new RegistryRecord(text(c, "corporateNumber"), text(c, "process"), text(c, "name"),
                    text(c, "kind"), text(c, "prefectureName"), text(c, "cityName"), text(c, "streetNumber"),
                    text(c, "prefectureCode"), text(c, "postCode"), text(c, "addressOutside"), text(c, "closeDate"),
                    text(c, "closeCause"), text(c, "latest"), text(c, "enName"), text(c, "enPrefectureName"),
                    text(c, "enCityName"), text(c, "furigana"), xml));
        }
        return out;
    }

    private static String text(Element parent, String name) {
        NodeList l = parent.getElementsByTagName(name);
        Node n = l.getLength() == 0 ? null : l.item(0);
        return n == null ? "" : n.getTextContent().trim();
    }
}
