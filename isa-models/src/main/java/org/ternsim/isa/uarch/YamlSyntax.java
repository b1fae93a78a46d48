// A YAML parser error in plain words at the scanner's own position: the wording of SnakeYAML and Jackson names
// parser events and Java classes, and its location is that of the last good token, not of the bad character.
// Shared by the microarchitecture tables and the simulator's config loaders.
package org.ternsim.isa.uarch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Describes a YAML syntax error: 1-based line and column, what is wrong, and the expected form. */
public record YamlSyntax(int line, int col, String problem, String expected) {

    private static final Pattern EVENT = Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event\\([^>]*\\)>");
    private static final Map<String, String> EVENTS = Map.of("SequenceStart", "a list", "SequenceEnd",
        "the end of a list", "MappingStart", "a mapping", "MappingEnd", "the end of a mapping", "Scalar", "a value",
        "Alias", "an alias", "DocumentStart", "a new document", "DocumentEnd", "the end of the document",
        "StreamEnd", "the end of the file");

    /** The error of a YAML parse. */
    public static YamlSyntax of(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            Mark at = m.getProblemMark();
            String problem = m.getProblem() == null ? "syntax error" : m.getProblem().strip();
            if (problem.contains("(TAB)")) {
                return new YamlSyntax(at.getLine() + 1, at.getColumn() + 1,
                    "tab characters are not allowed for indentation", "spaces");
            }
            String context = m.getContext() == null ? "" : " (" + m.getContext().strip() + ")";
            return new YamlSyntax(at.getLine() + 1, at.getColumn() + 1, "YAML syntax error: " + plain(problem)
                + context, "valid YAML");
        }
        JsonLocation loc = e.getLocation();
        String msg = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().strip();
        return new YamlSyntax(loc == null ? 1 : Math.max(1, loc.getLineNr()), loc == null ? 1 : Math.max(1,
            loc.getColumnNr()), "YAML syntax error: " + plain(msg.lines().findFirst().orElse("syntax error")),
            "valid YAML");
    }

    /** Jackson's "Expected a field name ..., got this instead: <...Event(...)>" as "expected a key, found a list". */
    static String plain(String message) {
        String m = message.replace("Expected a field name (Scalar value in YAML), got this instead:", "expected a key,"
            + " found");
        Matcher events = EVENT.matcher(m);
        StringBuilder sb = new StringBuilder();
        while (events.find()) {
            events.appendReplacement(sb, Matcher.quoteReplacement(EVENTS.getOrDefault(events.group(1),
                "an unexpected token")));
        }
        events.appendTail(sb);
        return sb.toString();
    }
}
