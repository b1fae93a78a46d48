// Reads a YAML file with Jackson's streaming YAMLParser into YamlNode, keeping token locations (the tree API
// would lose them). Duplicate keys and second documents are reported, not silently dropped.
package org.ternsim.sim.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.ternsim.isa.uarch.YamlSyntax;

/** Parses one YAML document into a located tree; problems go to the given collector. */
final class YamlTreeReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTreeReader() {}

    /** Reads the file; returns null (with a problem recorded) if it is missing, unreadable or not YAML. */
    static YamlNode read(Path file, Problems problems) {
        if (Files.isDirectory(file)) {
            problems.addRaw(problems.file() + ": is a directory; expected a YAML file");
            return null;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.addRaw(problems.file() + ": file not found");
            return null;
        } catch (CharacterCodingException e) {
            problems.addRaw(problems.file() + ": not UTF-8 text (a binary file?); expected a YAML file");
            return null;
        } catch (IOException e) {
            problems.addRaw(problems.file() + ": cannot read file (" + e.getMessage() + ")");
            return null;
        }
        return parse(text, problems);
    }

    static YamlNode parse(String text, Problems problems) {
        try (JsonParser p = FACTORY.createParser(new StringReader(text))) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.addRaw(problems.file() + ":1:1: file is empty; expected a YAML mapping");
                return null;
            }
            YamlNode root = node(p, t, problems);
            if (p.nextToken() != null) { // the parser would stop after the first document and ignore the rest
                int line = p.currentTokenLocation().getLineNr();
                problems.addRaw(problems.file() + ":" + separatorLine(text, line) + ":1: a second YAML document"
                        + " starts here; expected one document per file");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            YamlSyntax s = YamlSyntax.of(e);
            problems.addRaw(problems.file() + ":" + s.line() + ":" + s.col() + ": " + s.problem() + "; expected "
                    + s.expected());
            return null;
        } catch (IOException e) {
            problems.addRaw(problems.file() + ": cannot read file (" + e.getMessage() + ")");
            return null;
        }
    }

    /** The line of the "---" that starts the document whose first token is on {@code tokenLine}, else that line. */
    private static int separatorLine(String text, int tokenLine) {
        List<String> lines = text.lines().toList();
        for (int i = Math.min(tokenLine, lines.size()) - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("---")) return i + 1;
        }
        return tokenLine;
    }

    private static YamlNode node(JsonParser p, JsonToken t, Problems problems) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        switch (t) {
            case START_OBJECT: {
                LinkedHashMap<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    YamlNode value = node(p, p.nextToken(), problems);
                    if (entries.containsKey(key)) {
                        YamlNode.Entry first = entries.get(key);
                        problems.addRaw(problems.file() + ":" + kl.getLineNr() + ":" + kl.getColumnNr()
                                + ": " + key + ": duplicate key (first at line " + first.line()
                                + "); expected each key once per mapping");
                    } else {
                        entries.put(key, new YamlNode.Entry(key, kl.getLineNr(), kl.getColumnNr(), value));
                    }
                }
                return YamlNode.mapping(line, col, entries);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    items.add(node(p, i, problems));
                }
                return YamlNode.sequence(line, col, items);
            }
            case VALUE_NUMBER_INT:
                return YamlNode.scalar(line, col, p.getText(), YamlNode.ScalarType.INTEGER);
            case VALUE_NUMBER_FLOAT:
                return YamlNode.scalar(line, col, p.getText(), YamlNode.ScalarType.FLOAT);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return YamlNode.scalar(line, col, p.getText(), YamlNode.ScalarType.BOOLEAN);
            case VALUE_NULL:
                return YamlNode.scalar(line, col, "", YamlNode.ScalarType.NULL);
            default:
                return YamlNode.scalar(line, col, p.getText(), YamlNode.ScalarType.STRING);
        }
    }
}
