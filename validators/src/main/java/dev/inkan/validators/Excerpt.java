package dev.inkan.validators;

/** A short, printable rendering of what a server sent, for validation records and problem details. */
final class Excerpt {
    static final int MAX_CHARS = 128;

    private Excerpt() {}

    static String of(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length() && sb.length() < MAX_CHARS; i++) {
            char c = value.charAt(i);
            sb.append(Character.isISOControl(c) ? escape(c) : String.valueOf(c));
        }
        return value.length() > MAX_CHARS ? sb + "...(" + value.length() + " chars)" : sb.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format("\\u%04x", (int) c);
        };
    }
}
