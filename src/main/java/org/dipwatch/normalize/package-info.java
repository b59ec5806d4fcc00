/**
 * The normalize stage: it turns what a reader extracted into an article in the corpus' normalized
 * shape (SEED-FORMAT.md), so that every seed file reads the same and normalizing it again changes
 * nothing. Plain-text files (seed files, dropped files) are first read by
 * {@link org.dipwatch.normalize.SeedText}, which applies its rules in this order: split into
 * cleaned lines, take the {@code " date YYYY-MM-DD "} header or else a date line near the top
 * (recognized by {@link org.dipwatch.normalize.DateLine}), group the lines into paragraphs
 * (hard-wrapped blocks joined, otherwise one line per paragraph), and take a short first line
 * without sentence punctuation as the title. Every {@link org.dipwatch.model.Draft}, whichever
 * reader made it, then goes through {@link org.dipwatch.normalize.Normalizer}, which cleans title
 * and paragraphs in this order: Unicode NFC, zero-width and control characters removed, white
 * space runs folded to one space, trimmed, empty paragraphs dropped.
 */
package org.dipwatch.normalize;
