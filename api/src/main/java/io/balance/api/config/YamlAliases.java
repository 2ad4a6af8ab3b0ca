package io.balance.api.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * Refuses YAML aliases ({@code timeouts: *t}). The YAML parser hands an alias on as the
 * anchor's name, a plain string, which would then be reported as "got a string" where a
 * mapping was written. The value of a merge key ({@code <<: *b}) is let through, so that the
 * key itself is reported at its path and the rest of the file is still checked.
 */
final class YamlAliases extends JsonParserDelegate {
    static final String MERGE_KEY = "<<";

    /** Thrown on the first alias; its message is the end of one file-level line. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final YAMLParser yaml;

    YamlAliases(YAMLParser yaml) {
        super(yaml);
        this.yaml = yaml;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = super.nextToken();
        if (yaml.isCurrentAlias() && !MERGE_KEY.equals(yaml.currentName())) {
            throw new Refused("uses a YAML alias (*" + yaml.getText() + ", line " + yaml.currentTokenLocation().getLineNr()
                    + "); aliases and anchors are not supported: write the values out");
        }
        return token;
    }
}
