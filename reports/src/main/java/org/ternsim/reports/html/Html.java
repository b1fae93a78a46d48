// Minimal HTML building: escaping, table rows, and number formatting with "not available" for missing values.
package org.ternsim.reports.html;

import java.util.Locale;
import org.ternsim.reports.chart.SiScale;

final class Html {

    static final String NA = "<span class=\"na\">not available</span>";

    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String text(String s) {
        return s == null ? NA : esc(s);
    }

    /** A value with an SI prefix: 1.23 ms, 45.6 µJ. */
    static String si(Double v, String unit) {
        if (v == null) {
            return NA;
        }
        if (v == 0) {
            return "0 " + unit;
        }
        SiScale s = SiScale.of(Math.abs(v), unit);
        return String.format(Locale.ROOT, "%.3g %s", s.apply(v), s.unit());
    }

    static String num(Double v, String format) {
        return v == null ? NA : String.format(Locale.ROOT, format, v);
    }

    static String count(Number v) {
        return v == null ? NA : String.format(Locale.ROOT, "%,d", v.longValue());
    }

    static String row(String... cells) {
        StringBuilder b = new StringBuilder("<tr>");
        for (String c : cells) {
            b.append("<td>").append(c).append("</td>");
        }
        return b.append("</tr>\n").toString();
    }

    static String head(String... cells) {
        StringBuilder b = new StringBuilder("<tr>");
        for (String c : cells) {
            b.append("<th>").append(esc(c)).append("</th>");
        }
        return b.append("</tr>\n").toString();
    }
}
