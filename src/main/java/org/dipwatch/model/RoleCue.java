package org.dipwatch.model;

/**
 * Why one mention counts for a tag: the text matched and the cue that gave it its role, as
 * {@code classify --explain} shows it ("Москва": "capital named for its government, no place cue";
 * "Chad": "'visited' before the list it is in"; "Lavrov": "official").
 *
 * @param mention the matched text
 * @param cue     what made it an actor or a region
 */
public record RoleCue(String mention, String cue) {
}
