package dev.inkan.vetting;

/**
 * A request the vetting rules refuse, with the message the person sees (Japanese, then English) and the HTTP status
 * the page is sent with.
 */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Refusal(int status, String message) {
        super(message);
        this.status = status;
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
}
