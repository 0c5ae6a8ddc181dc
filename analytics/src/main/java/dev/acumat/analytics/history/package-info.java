/**
 * The session history: what the REST API ({@code dev.acumat.analytics.web.HistoryRoutes}) and
 * {@code acumat history} show, read from InfluxDB by {@link dev.acumat.analytics.history.HistoryQueries}
 * with bound parameters only.
 *
 * <p>Parameters are checked here ({@link dev.acumat.analytics.history.HistoryParams},
 * {@link dev.acumat.analytics.history.TimeParam}, {@link dev.acumat.analytics.history.TimeRange})
 * with the caller's names for them, so the API and the command line refuse the same things with
 * the same words; the bodies ({@link dev.acumat.analytics.history.HistoryJson},
 * {@link dev.acumat.analytics.history.SessionCsv}) are shared for the same reason.
 */
package dev.acumat.analytics.history;
