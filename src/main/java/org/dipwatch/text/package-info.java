/**
 * Text scanning that more than one stage does alike: {@link org.dipwatch.text.Runs} cuts a text into
 * the runs of characters a test accepts (classify's words, dedup's digit runs inside a word). It
 * depends on nothing of dipwatch.
 */
package org.dipwatch.text;
