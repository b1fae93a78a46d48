// Functional / validation status of a run as one line of text, with pass (true), fail (false) or not available (null).
package org.ternsim.reports.data;

public record CheckStatus(String text, Boolean passed) {

    public static final CheckStatus NOT_AVAILABLE = new CheckStatus("not available", null);
}
