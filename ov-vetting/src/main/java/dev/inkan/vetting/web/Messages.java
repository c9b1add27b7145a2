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

    /**
     * A refusal's text in one language. Refusals are written "日本語 / English" so that logs and API callers read
     * both; a page shows only the visitor's half.
     */
    static String inLanguage(String message, String lang) {
        if (message == null) {
            return "";
        }
        int split = message.indexOf(" / ");
        if (split < 0) {
            return message;
        }
        return EN.equals(lang) ? message.substring(split + 3) : message.substring(0, split);
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
