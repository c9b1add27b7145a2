package dev.inkan.vetting;

/**
 * A request the vetting rules refuse, with the message the person sees (Japanese, then English) and the HTTP status
 * the page is sent with.
 */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String field;

    public Refusal(int status, String message) {
        this(status, message, null);
    }

    private Refusal(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** A form value to correct: the page shows the message beside the field named (the form's input name). */
    public static Refusal invalidField(String field, String message) {
        return new Refusal(400, message, field);
    }

    public static Refusal forbidden(String message) {
        return new Refusal(403, message);
    }

    public static Refusal invalid(String message) {
        return new Refusal(400, message);
    }

    public static Refusal conflict(String message) {
        return new Refusal(409, message);
    }

    public int status() {
        return status;
    }

    /** The form field the message concerns, or null when it concerns the whole request. */
    public String field() {
        return field;
    }
}
