package dev.acumat.analytics.influx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.acumat.contract.RecordLayouts;
import dev.acumat.contract.RecordLayouts.Contact;

/**
 * A contact reading: how one frame of a mat presses on it (at least once a second while
 * someone is on the mat). The one shape of this fact from the analytics to InfluxDB: the record
 * of acumat.contact (its JSON field names are {@link RecordLayouts.Contact}'s) and the
 * {@code contact} point ({@link InfluxSchema}). A null field is absent: left out of the JSON
 * and of the point.
 *
 * @param timeMicros the frame's time, epoch microseconds
 * @param sessionId the session the reading belongs to; not stored in InfluxDB
 * @param units {@code "kPa"} for a calibrated mat, {@code "raw"} for ADC counts
 * @param contactRatio 0..1, share of the mat's cells in contact
 * @param contactAreaCm2 area in contact
 * @param contactCells number of cells in contact
 * @param lowerBackCoverage 0..1, share of the lower-back region in contact; null when the lower
 *     back is not on the mat
 * @param peakPressure highest cell value, in {@code units}
 * @param meanPressure mean over the cells in contact, in {@code units}
 * @param loadN total load in newtons (relative, for a raw mat)
 * @param copXCm centre of pressure across the mat; null without load
 * @param copYCm centre of pressure along the mat (0 = head end); null without load
 * @param posture supine, prone, left, right, sitting, standing or unknown; null on a lumbar pad
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactPoint(@JsonProperty(RecordLayouts.MAT) String mat,
                           @JsonProperty(RecordLayouts.TIME_US) long timeMicros,
                           @JsonProperty(RecordLayouts.SESSION_ID) String sessionId,
                           @JsonProperty(Contact.UNITS) String units,
                           @JsonProperty(Contact.CONTACT_RATIO) double contactRatio,
                           @JsonProperty(Contact.CONTACT_AREA_CM2) double contactAreaCm2,
                           @JsonProperty(Contact.CONTACT_CELLS) Integer contactCells,
                           @JsonProperty(Contact.LOWER_BACK_COVERAGE) Double lowerBackCoverage,
                           @JsonProperty(Contact.PEAK_PRESSURE) double peakPressure,
                           @JsonProperty(Contact.MEAN_PRESSURE) double meanPressure,
                           @JsonProperty(Contact.LOAD_N) Double loadN,
                           @JsonProperty(Contact.COP_X_CM) Double copXCm,
                           @JsonProperty(Contact.COP_Y_CM) Double copYCm,
                           @JsonProperty(Contact.POSTURE) String posture) implements SinkPoint {
    public ContactPoint {
        SinkPoint.checkMat(mat);
    }

    /** The point's time: the frame's, in milliseconds. */
    @Override
    public long timeMs() {
        return timeMicros / 1000;
    }

    /** A reading at {@code timeMs} with the measurement's fields only: no session, units, cell count or load. */
    public static ContactPoint of(String mat, long timeMs, double contactRatio, double contactAreaCm2,
                                  Double lowerBackCoverage, double peakPressure, double meanPressure,
                                  Double copXCm, Double copYCm, String posture) {
        return new ContactPoint(mat, timeMs * 1000, null, null, contactRatio, contactAreaCm2, null, lowerBackCoverage,
                peakPressure, meanPressure, null, copXCm, copYCm, posture);
    }

    /** With units, cell count and load. */
    public ContactPoint withExtras(String units, Integer contactCells, Double loadN) {
        return new ContactPoint(mat, timeMicros, sessionId, units, contactRatio, contactAreaCm2, contactCells,
                lowerBackCoverage, peakPressure, meanPressure, loadN, copXCm, copYCm, posture);
    }
}
