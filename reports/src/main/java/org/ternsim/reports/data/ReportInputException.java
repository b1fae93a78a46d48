// A run directory the reports cannot read (missing, no results.json, malformed JSON): one line naming file and problem.
package org.ternsim.reports.data;

public final class ReportInputException extends RuntimeException {
    public ReportInputException(String message) {
        super(message);
    }
}
