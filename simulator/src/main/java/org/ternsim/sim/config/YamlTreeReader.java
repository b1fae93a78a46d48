// Reads a YAML file with Jackson's streaming YAMLParser into YamlNode, keeping token locations (the tree API
// would lose them). Duplicate keys are reported, not silently overwritten.
package org.ternsim.sim.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Parses one YAML document into a located tree; problems go to the given collector. */
final class YamlTreeReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTreeReader() {}

    /** Reads the file; returns null (with a problem recorded) if it is missing, unreadable or not YAML. */
    static YamlNode read(Path file, Problems problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.addRaw(problems.file() + ": file not found");
            return null;
        } catch (IOException e) {
            problems.addRaw(problems.file() + ": cannot read file (" + e.getMessage() + ")");
            return null;
        }
        return parse(new StringReader(text), problems);
    }

    static YamlNode parse(Reader in, Problems problems) {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.addRaw(problems.file() + ":1:1: file is empty; expected a YAML mapping");
                return null;
            }
            return node(p, t, problems);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().strip();
            msg = msg.lines().findFirst().orElse("syntax error");
            problems.addRaw(problems.file() + ":" + (loc == null ? 1 : loc.getLineNr()) + ":"
                    + (loc == null ? 1 : loc.getColumnNr()) + ": YAML syntax error: " + msg + "; expected valid YAML");
            return null;
        } catch (IOException e) {
            problems.addRaw(problems.file() + ": cannot read file (" + e.getMessage() + ")");
            return null;
        }
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
