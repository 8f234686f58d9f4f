package dev.kakapo.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * Kea's JSON dialect: {@code #} and {@code //} comments to end of line, {@code /* *}{@code /} blocks,
 * numbers like {@code .5}, and a stray comma before {@code ]} or {@code }} (today's Kea warns about
 * it, 1.1 example files contain one). Duplicate keys are an error.
 */
final class KeaJsonSyntax {
    private KeaJsonSyntax() {
    }

    private static final JsonMapper STRICT = mapper(false);
    private static final JsonMapper TRAILING_COMMAS = mapper(true);

    private static JsonMapper mapper(boolean trailingCommas) {
        JsonMapper.Builder builder = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
                        JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        if (trailingCommas) {
            builder.enable(JsonReadFeature.ALLOW_TRAILING_COMMA);
        }
        return builder.build();
    }

    /**
     * The JSON tree of {@code text}. A stray comma is accepted with a note added to {@code notes};
     * any other syntax error names its line, column and JSON path.
     */
    static JsonNode read(String text, List<String> notes) throws ConfigException {
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException strict) {
            try {
                JsonNode tree = TRAILING_COMMAS.readTree(text);
                notes.add("extra comma at " + where(strict.getLocation())
                        + " ignored (Kea accepts it with a warning too)");
                return tree;
            } catch (JsonProcessingException e) {
                throw new ConfigException(pathOf(e), "syntax error at " + where(e.getLocation()) + ": "
                        + e.getOriginalMessage());
            }
        }
    }

    private static String where(JsonLocation at) {
        return at == null ? "unknown position" : "line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    /** The JSON path the parser had reached, in our {@code Dhcp4/subnet4[0]} form. */
    private static String pathOf(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "(top level)";
        }
        String path = "";
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path = "[" + Math.max(0, c.getCurrentIndex()) + "]" + path;
            } else if (c.getCurrentName() != null) {
                path = (c.getParent() != null && !c.getParent().inRoot() ? "/" : "") + c.getCurrentName() + path;
            }
        }
        return path.isEmpty() ? "(top level)" : path;
    }
}
