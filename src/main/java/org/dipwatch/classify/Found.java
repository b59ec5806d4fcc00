package org.dipwatch.classify;

import org.dipwatch.model.ActorTag;

/**
 * An actor or place found in the text, resolved to the tag it counts for, with the cue that gave it
 * its role. {@code side} is whom it speaks for (a state, or an organisation such as Hamas; none for a
 * place); {@code rank} orders the specific over the general (state 0, organisation 1, institution 2,
 * official 3), so that "Lavrov" outranks "Russia" as the speaker of one side.
 */
record Found(String id, String type, String name, String country, ActorTag.Ref organisation, String role,
             String side, int rank, int start, int end, String text, String cue) {

    /** The same actor or place, found at another mention. */
    Found at(int start, int end, String text, String cue) {
        return new Found(id, type, name, country, organisation, role, side, rank, start, end, text, cue);
    }
}
