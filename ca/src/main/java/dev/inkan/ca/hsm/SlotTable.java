package dev.inkan.ca.hsm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slots {@code softhsm2-util --show-slots} prints, by token label. Slot ids are what SunPKCS11's
 * {@code slot=} takes; {@code slotListIndex} is not used because the list order changes when tokens are added.
 */
final class SlotTable {
    private static final Pattern SLOT = Pattern.compile("^Slot (\\d+)\\s*$");
    private static final Pattern LABEL = Pattern.compile("^\\s+Label:\\s*(.*?)\\s*$");
    private static final Pattern INITIALIZED = Pattern.compile("^\\s+Initialized:\\s*(\\w+)\\s*$");

    record Slot(long id, String label, boolean initialized) {}

    private final List<Slot> slots;

    private SlotTable(List<Slot> slots) {
        this.slots = List.copyOf(slots);
    }

    static SlotTable parse(String showSlotsOutput) {
        List<Slot> slots = new ArrayList<>();
        Long id = null;
        String label = "";
        boolean initialized = false;
        for (String line : showSlotsOutput.split("\\R")) {
            Matcher m;
            if ((m = SLOT.matcher(line)).matches()) {
                if (id != null) {
                    slots.add(new Slot(id, label, initialized));
                }
                id = Long.parseLong(m.group(1));
                label = "";
                initialized = false;
            } else if ((m = LABEL.matcher(line)).matches()) {
                label = m.group(1);
            } else if ((m = INITIALIZED.matcher(line)).matches()) {
                initialized = m.group(1).equals("yes");
            }
        }
        if (id != null) {
            slots.add(new Slot(id, label, initialized));
        }
        return new SlotTable(slots);
    }

    /** The slot id of the initialised token with this label; two tokens with one label is an error. */
    Optional<Long> slotOf(String label) {
        List<Slot> matches = slots.stream().filter(s -> s.initialized() && s.label().equals(label)).toList();
        if (matches.size() > 1) {
            throw new HsmException("more than one token is labelled '" + label + "' (slots "
                    + matches.stream().map(s -> Long.toString(s.id())).toList()
                    + "); delete the extra one with softhsm2-util --delete-token --token " + label);
        }
        return matches.stream().findFirst().map(Slot::id);
    }

    List<Slot> slots() {
        return slots;
    }
}
