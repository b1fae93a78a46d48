// One hardware number with where it came from: a resolved-config field or an energy action, its source and estimate flag.
package org.ternsim.reports.data;

public record SourcedValue(String field, String value, String source, boolean estimate) {
}
