/**
 * A past session's frames again: read back from {@code acumat.frames} by mat and time, played
 * in the browser, exported in the replay format (docs/WEB.md, README's {@code export}).
 */
package dev.acumat.analytics.replay;
