// A tiny YAML tree that remembers line numbers, built from Jackson's streaming YAML parser.
package org.ternsim.isa.uarch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jackson's {@code JsonNode} forgets where each value came from, so error messages could not name a line.
 * This reads the token stream instead and keeps the line of every key and value. Duplicate keys are errors
 * (YAML allows the parser to keep the last one silently, which hides typos).
 */
final class LocatedYaml {
    private LocatedYaml() {
    }

    /** A parsed value with its 1-based line. */
    sealed interface Node permits MapNode, ListNode, Scalar {
        int line();
    }

    /** A mapping; {@code keyLines} holds the line of each key, {@code values} keeps file order. */
    record MapNode(Map<String, Node> values, Map<String, Integer> keyLines, int line) implements Node {
    }

    record ListNode(List<Node> items, int line) implements Node {
    }

    /** A scalar: {@code token} tells number / string / boolean / null, {@code text} is its text. */
    record Scalar(JsonToken token, String text, int line) implements Node {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** Parses one YAML document; syntax errors become {@link UarchFormatException}s naming {@code file}. */
    static Node read(Reader in, String file) {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new UarchFormatException(file, 1, "", "the file is empty");
            }
            Node root = value(p, t, file);
            if (p.nextToken() != null) { // a file is one table; a second document would be ignored
                throw new UarchFormatException(file, p.currentTokenLocation().getLineNr(), "",
                        "a second YAML document (after '---'); expected one document per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            YamlSyntax s = YamlSyntax.of(e);
            throw new UarchFormatException(file, s.line(), "", s.problem() + "; expected " + s.expected());
        } catch (IOException e) {
            throw new UarchFormatException(file, 0, "", "cannot read: " + e.getMessage());
        }
    }

    private static Node value(JsonParser p, JsonToken t, String file) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> values = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    if (values.containsKey(key)) {
                        throw new UarchFormatException(file, keyLine, key,
                                "duplicate key (first at line " + keyLines.get(key) + ")");
                    }
                    keyLines.put(key, keyLine);
                    values.put(key, value(p, p.nextToken(), file));
                }
                return new MapNode(values, keyLines, line);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    items.add(value(p, i, file));
                }
                return new ListNode(items, line);
            }
            default:
                return new Scalar(t, p.getText(), line);
        }
    }
}
