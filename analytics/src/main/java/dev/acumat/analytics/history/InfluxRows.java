package dev.acumat.analytics.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;

/**
 * Runs one InfluxQL statement with bound parameters and gives its rows as maps from column
 * name to value (times as epoch milliseconds), turning InfluxDB's ways of failing into a
 * {@link HistoryException}.
 */
final class InfluxRows {
    private final InfluxDB client;
    private final String database;

    InfluxRows(InfluxDB client, String database) {
        this.client = client;
        this.database = database;
    }

    /**
     * The rows of every series the statement returns.
     *
     * @param optional true for a statement on the rollup policy, which a database may not have:
     *     its absence gives no rows instead of an error
     */
    List<Map<String, Object>> select(String statement, Map<String, Object> params, boolean optional) {
        BoundParameterQuery.QueryBuilder builder = BoundParameterQuery.QueryBuilder.newQuery(statement)
                .forDatabase(database);
        params.forEach(builder::bind);
        QueryResult result;
        try {
            result = client.query(builder.create(), TimeUnit.MILLISECONDS);
        } catch (InfluxDBIOException e) {
            throw new HistoryException(HistoryException.Kind.UNREACHABLE, "InfluxDB does not answer ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")", e);
        } catch (InfluxDBException e) {
            throw new HistoryException(HistoryException.Kind.REFUSED, "InfluxDB refused the query: " + e.getMessage(), e);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        check(result.getError(), optional);
        if (result.getResults() == null) {
            return rows;
        }
        for (QueryResult.Result r : result.getResults()) {
            if (r.getError() != null) {
                check(r.getError(), optional);
                continue;
            }
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series series : r.getSeries()) {
                addRows(series, rows);
            }
        }
        return rows;
    }

    private static void addRows(QueryResult.Series series, List<Map<String, Object>> rows) {
        if (series.getValues() == null || series.getColumns() == null) {
            return;
        }
        List<String> columns = series.getColumns();
        for (List<Object> values : series.getValues()) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (series.getTags() != null) {
                row.putAll(series.getTags());
            }
            for (int i = 0; i < columns.size() && i < values.size(); i++) {
                row.put(columns.get(i), values.get(i));
            }
            rows.add(row);
        }
    }

    private void check(String error, boolean optional) {
        if (error == null) {
            return;
        }
        if (error.startsWith("database not found")) {
            throw new HistoryException(HistoryException.Kind.NO_DATABASE, "InfluxDB has no database '" + database + "'",
                    null);
        }
        if (optional && error.startsWith("retention policy not found")) {
            return;
        }
        throw new HistoryException(HistoryException.Kind.REFUSED, "InfluxDB refused the query: " + error, null);
    }

    static Double decimal(Object value) {
        return value instanceof Number ? ((Number) value).doubleValue() : null;
    }

    static String text(Object value) {
        return value instanceof String ? (String) value : null;
    }
}
