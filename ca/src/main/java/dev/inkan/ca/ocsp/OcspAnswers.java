package dev.inkan.ca.ocsp;

import dev.inkan.ca.ocsp.OcspAnswerMaker.SignedAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signed answers held in memory, least recently used first out when full. Keyed by CA, serial and the CertID's
 * hash algorithm (the answer repeats the CertID it was asked with).
 */
final class OcspAnswers {
    /** @param algorithm the hex DER of the CertID's hashAlgorithm, parameters included */
    record Key(String caId, String serial, String algorithm) {}

    private final LinkedHashMap<Key, SignedAnswer> answers;

    OcspAnswers(int max) {
        this.answers = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, SignedAnswer> eldest) {
                return size() > max;
            }
        };
    }

    synchronized SignedAnswer get(Key key) {
        return answers.get(key);
    }

    synchronized void put(Key key, SignedAnswer answer) {
        answers.put(key, answer);
    }

    /** Forgets every answer about this serial; returns their keys. */
    synchronized List<Key> remove(String caId, String serial) {
        List<Key> gone = new ArrayList<>();
        answers.keySet().removeIf(k -> {
            boolean match = k.caId().equals(caId) && k.serial().equals(serial);
            if (match) {
                gone.add(k);
            }
            return match;
        });
        return gone;
    }

    /** A copy of the entries, without touching their recency. */
    synchronized List<Map.Entry<Key, SignedAnswer>> snapshot() {
        List<Map.Entry<Key, SignedAnswer>> copy = new ArrayList<>(answers.size());
        answers.forEach((k, v) -> copy.add(Map.entry(k, v)));
        return copy;
    }

    synchronized int size() {
        return answers.size();
    }
}
