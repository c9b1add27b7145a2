package dev.inkan.vetting.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** The page texts, Japanese first and English on request ({@code ?lang=en}). */
final class Messages {
    static final String JA = "ja";
    static final String EN = "en";
    private static final Map<String, Map<String, String>> BY_LANG = Map.of(JA, load(JA), EN, load(EN));

    private Messages() {}

    static Map<String, String> of(String lang) {
        return BY_LANG.getOrDefault(lang, BY_LANG.get(JA));
    }

    private static Map<String, String> load(String lang) {
        try (InputStream in = Messages.class.getResourceAsStream("/vetting/messages_" + lang + ".properties")) {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> m = new HashMap<>();
            p.forEach((k, v) -> m.put((String) k, (String) v));
            return Map.copyOf(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
