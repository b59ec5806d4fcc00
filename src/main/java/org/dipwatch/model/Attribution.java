package org.dipwatch.model;

/**
 * Who speaks, or who is spoken to, and the sentence that shows it.
 *
 * @param actor    the actor, as tagged in the article
 * @param side     the party it speaks for: an organisation id ({@code HAMAS}) or a state's alpha-3
 * @param sentence the sentence that shows it
 */
public record Attribution(ActorTag actor, String side, String sentence) {
}
