/**
 * Secrets kept in files: an access token or a password that must not sit in a command line
 * ({@code ps} shows it) nor in a file others can read.
 */
package dev.acumat.analytics.secrets;
