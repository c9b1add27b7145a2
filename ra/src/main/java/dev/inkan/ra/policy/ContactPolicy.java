package dev.inkan.ra.policy;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Account contacts (RFC 8555 §7.3): {@code mailto:} URIs with one plain address each. Another scheme is
 * {@code unsupportedContact}; a malformed address, hfields or too many contacts are {@code invalidContact}.
 */
public final class ContactPolicy {
    private static final String MAILTO = "mailto:";
    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_ADDRESS = 254;
    /** RFC 5322 dot-atom text, without the characters that need URI escaping in a mailto: URI. */
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$&'*+/=^_`{|}~-]+(\\.[A-Za-z0-9!#$&'*+/=^_`{|}~-]+)*");

    private final int maxContacts;
    private final IdentifierPolicy names;

    public ContactPolicy(int maxContacts, IdentifierPolicy names) {
        this.maxContacts = maxContacts;
        this.names = names;
    }

    /**
     * The contacts to store: each {@code mailto:} scheme lowercased, duplicates removed, order kept.
     *
     * @throws CaException {@code unsupportedContact} or {@code invalidContact} naming the bad contact
     */
    public List<String> check(List<String> contacts) {
        if (contacts == null) {
            return List.of();
        }
        if (contacts.size() > maxContacts) {
            throw new CaException(ErrorKind.INVALID_CONTACT,
                    contacts.size() + " contacts given; at most " + maxContacts + " are allowed");
        }
        return contacts.stream().map(this::checkOne).distinct().toList();
    }

    private String checkOne(String contact) {
        if (contact == null || !contact.regionMatches(true, 0, MAILTO, 0, MAILTO.length())) {
            throw new CaException(ErrorKind.UNSUPPORTED_CONTACT,
                    "contact \"" + contact + "\" is not supported; only mailto: URIs are");
        }
        String address = contact.substring(MAILTO.length());
        addressProblem(address).ifPresent(p -> {
            throw new CaException(ErrorKind.INVALID_CONTACT, "contact \"" + contact + "\" " + p);
        });
        return MAILTO + address;
    }

    private Optional<String> addressProblem(String address) {
        if (address.contains("?")) {
            // RFC 6068 hfields (?subject=, ?cc=, ...) would let a contact carry more than one address
            return Optional.of("has hfields (\"?\"); send the plain address only");
        }
        if (address.contains(",")) {
            return Optional.of("holds several addresses; send one mailto: URI per address");
        }
        if (address.length() > MAX_ADDRESS) {
            return Optional.of("is longer than " + MAX_ADDRESS + " characters");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return Optional.of("is not an email address of the form local@domain");
        }
        String local = address.substring(0, at);
        if (local.length() > MAX_LOCAL_PART || !LOCAL_PART.matcher(local).matches()) {
            return Optional.of("has an invalid local part \"" + local + "\"");
        }
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        return names.dnsNameProblem(domain).map(p -> "has an invalid domain: " + p);
    }
}
