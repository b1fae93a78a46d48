// "Did you mean" for unknown keys: the closest allowed key by Levenshtein distance, if it is close enough to be a
// plausible typo.
package org.ternsim.sim.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

final class Suggestions {
    private Suggestions() {}

    /** The closest candidate within max(2, len/3) edits (case-insensitive), ties broken by candidate order. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        String w = word.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = levenshtein(w, c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        int limit = Math.max(2, word.length() / 3);
        if (bestD <= limit) return Optional.ofNullable(best);
        // A longer or shorter spelling of a key ("frequency" for "freq") is a likely mistake too.
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            if (lc.length() >= 3 && w.length() >= 3 && (w.startsWith(lc) || lc.startsWith(w))) return Optional.of(c);
        }
        return Optional.empty();
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
