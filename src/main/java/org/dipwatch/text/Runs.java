package org.dipwatch.text;

import java.util.function.IntPredicate;

/**
 * Cuts a text into its runs: the longest stretches of characters that one test accepts (the words
 * of a text as runs of letters and digits, the numbers inside a word as runs of digits). What lies
 * between two runs is passed over.
 */
public final class Runs {

    /** Receives one run: where it starts and where it ends (exclusive). */
    @FunctionalInterface
    public interface Run {
        void at(int start, int end);
    }

    private Runs() {
    }

    /** Hands each run of {@code text}'s characters that {@code in} accepts to {@code run}, in text order. */
    public static void of(CharSequence text, IntPredicate in, Run run) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean inRun = i < text.length() && in.test(text.charAt(i));
            if (inRun && start < 0) {
                start = i;
            } else if (!inRun && start >= 0) {
                run.at(start, i);
                start = -1;
            }
        }
    }
}
