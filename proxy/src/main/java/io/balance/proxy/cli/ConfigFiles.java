package io.balance.proxy.cli;

import com.fasterxml.jackson.core.JacksonException;
import io.balance.api.config.ConfigFileException;
import io.balance.api.config.ConfigLoader;
import io.balance.api.config.LoadedConfig;
import io.balance.api.config.ProxyConfig;
import io.balance.api.validation.ConfigValidator;
import io.balance.api.validation.FieldPath;
import io.balance.api.validation.Problem;
import io.balance.api.validation.ValidationResult;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads and validates a config file, adding the checks that need the file system. */
public final class ConfigFiles {
    private static final Pattern MARK = Pattern.compile("\\s*in '[^']*', line (\\d+), column (\\d+):?\\s*");

    private ConfigFiles() {
    }

    public static Checked check(Path file) throws ConfigFileException {
        LoadedConfig loaded = parse(read(file), file);
        List<Problem> problems = new ArrayList<>(new ConfigValidator().validate(loaded).problems());
        problems.addAll(fileSystemProblems(loaded.config(), file));
        return new Checked(loaded.config(), new ValidationResult(problems));
    }

    /** Reads the file as UTF-8, turning every way that can fail into one line that says what is wrong. */
    private static String read(Path file) throws ConfigFileException {
        if (Files.isDirectory(file)) {
            throw new ConfigFileException("config file " + file + " is a directory, not a file", null);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException("config file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ConfigFileException("config file " + file + " is not readable (permission denied)", e);
        } catch (CharacterCodingException e) {
            throw new ConfigFileException("config file " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigFileException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the text, rewording YAML syntax errors: the parser's message carries source snippets
     * and carets laid out over several lines, which make no sense once folded into one line.
     */
    private static LoadedConfig parse(String text, Path file) throws ConfigFileException {
        try {
            return ConfigLoader.yaml().parse(text, file.toString());
        } catch (ConfigFileException e) {
            if (e.getCause() instanceof JacksonException syntax && syntax.getOriginalMessage() != null) {
                throw new ConfigFileException(file + " is not valid YAML: " + yamlProblem(syntax.getOriginalMessage()), e.getCause());
            }
            throw e;
        }
    }

    /** "while parsing X (line 1, column 7); expected Y, but got Z (line 2, column 7)" from the parser's layout. */
    static String yamlProblem(String parserMessage) {
        StringBuilder out = new StringBuilder();
        for (String line : parserMessage.split("\\R")) {
            Matcher mark = MARK.matcher(line);
            if (mark.matches()) {
                out.append(" (line ").append(mark.group(1)).append(", column ").append(mark.group(2)).append(')');
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                out.append(out.length() == 0 ? "" : "; ").append(line.strip());
            }
            // indented lines are the source snippet and its caret
        }
        return out.length() == 0 ? parserMessage.replaceAll("\\s+", " ").strip() : out.toString();
    }

    private static List<Problem> fileSystemProblems(ProxyConfig config, Path file) {
        List<Problem> problems = new ArrayList<>();
        String token = config.admin().tokenFile();
        if (token != null && !token.isBlank()) {
            Path path = Path.of(token);
            if (!Files.isReadable(path)) {
                problems.add(Problem.error(FieldPath.of("admin", "tokenFile"), "file " + token + " does not exist or is not readable"));
            }
        }
        return problems;
    }

    /** A loaded config with every problem found in it. */
    public record Checked(ProxyConfig config, ValidationResult result) {
    }
}
