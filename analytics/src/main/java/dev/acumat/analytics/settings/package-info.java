/**
 * What an operator sets for one mat rather than for all of them (its cell order), given to the
 * analytics at start and the same for every instance.
 */
package dev.acumat.analytics.settings;
